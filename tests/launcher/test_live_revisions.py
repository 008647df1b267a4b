"""A publisher replaces a report: ``ogi run --live`` against a local imitation of the ministry's site
serves version 1 of the report on 2020, then version 2 with three figures corrected, then the same
again, then a version 3 that cannot be read. Every version is kept; the three changed figures are
three revisions and a ``revised`` issue; nothing changes when nothing changed; the unreadable version
is recorded while version 2 stays loaded. The snapshot of version 2 lists exactly the three facts
as changed and the report as revised."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
from sitefixture import LISTING, Site, make_pdf, publish, site  # noqa: F401 (site is a fixture)
from warehouse_support import query

from pipeline.cli import main
from pipeline.fetch import RawStore

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT / "data" / "samples" / "mfa-2020.pdf"
FAST = ["--delay", "0", "--timeout", "2", "--retries", "1", "--jobs", "1"]
# The three figures version 2 corrects: (item, measure) of table 二, published -> corrected.
CORRECTED = {
    ("centralized_procurement", "procurement_items"): (38, 39),
    ("rules", "total_published"): (3, 4),
    ("normative_documents", "total_published"): (3, 5),
}


@pytest.fixture(autouse=True)
def throwaway_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)


def ogi(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ogi_live(site: Site, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return ogi(
        ["run", "--live", "--listing-url", site.url(LISTING), "--agency", "mfa", "--data-dir", str(data), *FAST],
        capsys,
    )


def version_2(tmp_path: Path) -> bytes:
    """The 2020 report re-issued with the three figures of ``CORRECTED`` corrected."""
    from pipeline.replica.content import load_content
    from pipeline.replica.render import render_pdf

    content = load_content(SAMPLE.with_suffix(".yaml"))
    for (item, measure), (published, corrected) in CORRECTED.items():
        assert content.figures["proactive"][item][measure] == published
        content.figures["proactive"][item][measure] = corrected
    path = tmp_path / "version2.pdf"
    render_pdf(content, path)
    return path.read_bytes()


def snapshots(data: Path) -> list[Path]:
    folder = data / "snapshots"
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_replaced_report_keeps_every_version_and_surfaces_every_change(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    v1, v2, v3 = SAMPLE.read_bytes(), version_2(tmp_path), make_pdf("a notice, no tables")
    (posted,) = publish(site, {2020: v1})
    data = tmp_path / "data"
    warehouse, store = data / "warehouse.duckdb", RawStore(data / "raw")
    code, out, err = ogi_live(site, data, capsys)
    assert (code, err) == (0, "") and "mfa 2020: extracted" in out and "figures changed" not in out
    assert query(warehouse, "SELECT count(*) FROM revisions") == [(0,)]

    # Version 2: three figures corrected.
    site.pdf(posted.pdf, v2)
    code, out, err = ogi_live(site, data, capsys)
    assert (code, err) == (0, "") and "mfa 2020: downloaded a new version" in out
    assert "8 pages; 3 figures changed from the previous version)" in out
    versions = store.versions("mfa", 2020)
    assert [v.sha256 for v in versions] == [sha(v1), sha(v2)]
    assert all((data / "raw" / "objects" / f"{v.sha256}.pdf").read_bytes() in (v1, v2) for v in versions)
    assert versions[0].last_seen <= versions[1].first_seen
    rows = query(
        warehouse,
        "SELECT row_code, column_code, change, old_value, new_value, old_raw, new_raw, old_sha256, new_sha256, "
        "old_last_seen::VARCHAR, new_first_seen::VARCHAR FROM revisions WHERE agency = 'mfa' AND year = 2020 ORDER BY ALL",
    )
    seen = [v.last_seen.replace("T", " ").removesuffix("+00:00") for v in versions]
    assert rows == sorted(
        (item, measure, "changed", old, new, str(old), str(new), sha(v1), sha(v2), seen[0], seen[1])
        for (item, measure), (old, new) in CORRECTED.items()
    )
    [issue] = query(
        warehouse, "SELECT severity, subject, message, cells FROM quality_issues WHERE check_name = 'revised'"
    )
    assert issue[:2] == ("WARN", f"version {sha(v2)[:12]}") and "3 cells differ" in issue[2]
    assert sorted((c["row"], c["column"]) for c in json.loads(issue[3])) == sorted(CORRECTED)
    # Since when each figure has been published so: the corrected ones since version 2.
    since = query(
        warehouse,
        "SELECT count(*) FILTER (WHERE f.first_seen = v2.first_seen), count(*) FILTER (WHERE f.first_seen < v2.first_seen), "
        "count(DISTINCT f.sha256) FROM proactive_facts AS f, "
        f"(SELECT first_seen FROM report_versions WHERE sha256 = '{sha(v2)}') AS v2",
    )
    facts = query(warehouse, "SELECT count(*) FROM proactive_facts")[0][0]
    assert since == [(3, facts - 3, 1)]
    code, out, err = ogi(["history", "mfa", "2020", "--data-dir", str(data)], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "mfa 2020: 2 versions (times UTC)"
    assert f"changed from version 1 ({sha(v1)[:12]}) to version 2 ({sha(v2)[:12]}): 3 cells" in out
    assert "  proactive centralized_procurement × procurement_items: 38 → 39" in out
    # The snapshot of version 2 carries its delta against the snapshot of version 1.
    first, second = snapshots(data)
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["previous"]["snapshot"] == first.name
    changed = duckdb.sql(
        f"SELECT change, fact_table, row_code, column_code, old_value, new_value "
        f"FROM read_parquet('{second / 'changes' / 'facts.parquet'}') ORDER BY ALL"
    ).fetchall()
    assert changed == sorted(
        ("changed", "proactive_facts", item, measure, old, new) for (item, measure), (old, new) in CORRECTED.items()
    )
    reports = duckdb.sql(
        f"SELECT change, agency, year, old_sha256, new_sha256, facts_changed "
        f"FROM read_parquet('{second / 'changes' / 'reports.parquet'}')"
    ).fetchall()
    assert reports == [("revised", "mfa", 2020, sha(v1), sha(v2), 3)]
    assert "CHANGES.md" in [f["path"] for f in manifest["changes"]["files"]] and (second / "CHANGES.md").is_file()
    built = sha(warehouse.read_bytes())

    # The same again: seen again, nothing else written.
    code, out, err = ogi_live(site, data, capsys)
    assert (code, err) == (0, "") and "mfa 2020: unchanged on the site, not downloaded" in out
    assert sha(warehouse.read_bytes()) == built
    assert store.versions("mfa", 2020)[1].last_seen >= versions[1].last_seen
    assert query(warehouse, "SELECT count(*) FROM revisions") == [(3,)]
    assert snapshots(data) == [first, second]  # no change, no snapshot

    # Version 3 cannot be read: recorded, version 2's figures stay loaded.
    site.pdf(posted.pdf, v3)
    code, out, err = ogi_live(site, data, capsys)
    assert code == 2 and err.startswith("ogi: error: mfa 2020: ") and len(err.splitlines()) == 1
    [failed] = [v for v in store.versions("mfa", 2020) if v.sha256 == sha(v3)]
    assert failed.failure and failed.failure in err
    assert query(warehouse, "SELECT left(sha256, 12), loaded, failure FROM report_versions ORDER BY first_seen") == [
        (sha(v1)[:12], False, None),
        (sha(v2)[:12], True, None),
        (sha(v3)[:12], False, failed.failure),
    ]
    assert query(warehouse, "SELECT DISTINCT sha256 FROM request_facts") == [(sha(v2),)]
    assert query(
        warehouse,
        "SELECT value FROM proactive_facts WHERE item = 'centralized_procurement' AND measure = 'procurement_items'",
    ) == [(39,)]
    assert query(warehouse, "SELECT count(*) FROM revisions") == [(3,)]
    code, out, _ = ogi(["history", "mfa", "2020", "--data-dir", str(data)], capsys)
    assert code == 0 and out.splitlines()[3].endswith(f"failed: {failed.failure}")

    # Unknown reports are one line each.
    for argv, said in (
        (["history", "nobody", "2020"], "ogi: error: unknown agency 'nobody': not in the warehouse"),
        (
            ["history", "mfa", "2019"],
            "ogi: error: mfa 2019: no report of that year in the warehouse (years loaded: 2020)",
        ),
    ):
        code, _, err = ogi([*argv, "--data-dir", str(data)], capsys)
        assert code == 2 and err.startswith(said) and len(err.splitlines()) == 1
