"""``ogi run --live`` end to end against a local imitation of the ministry's site: discovery,
download, extraction, warehouse; then a second run that downloads nothing, a corrected report that
is extracted again, and faults that leave the warehouse as it was."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitefixture import LISTING, Route, Site, publish, serve, site  # noqa: F401 (site is a fixture)
from warehouse_support import query

from pipeline.cli import main

PROJECT = Path(__file__).resolve().parents[2]
SAMPLE = PROJECT / "data" / "samples" / "mfa-2020.pdf"
FAST = ["--delay", "0", "--timeout", "2", "--retries", "1", "--jobs", "1"]


@pytest.fixture(autouse=True)
def throwaway_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)


def ogi_live(site: Site, data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(
        ["run", "--live", "--listing-url", site.url(LISTING), "--agency", "mfa", "--data-dir", str(data), *FAST]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corrected_sample(tmp_path: Path) -> bytes:
    """The 2020 report re-issued with one figure corrected (procurement items 38 → 39)."""
    from pipeline.replica.content import load_content
    from pipeline.replica.render import render_pdf

    content = load_content(SAMPLE.with_suffix(".yaml"))
    content.figures["proactive"]["centralized_procurement"]["procurement_items"] = 39
    path = tmp_path / "corrected.pdf"
    render_pdf(content, path)
    return path.read_bytes()


def procurement_items(warehouse: Path) -> list[tuple]:
    return query(
        warehouse,
        "SELECT value FROM proactive_facts WHERE agency = 'mfa' AND year = 2020 "
        "AND item = 'centralized_procurement' AND measure = 'procurement_items'",
    )


def test_live_run_builds_the_warehouse_then_downloads_nothing(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posted = {p.year: p for p in publish(site, {2020: SAMPLE.read_bytes(), 2019: None, 2014: None})}
    article = site.routes[posted[2020].page]  # the article the PDF is attached to says when it was posted
    article.body = article.body.replace(b"<h1>", "<p>发布时间：2021-01-29 10:00</p><h1>".encode())
    data = tmp_path / "data"
    code, out, err = ogi_live(site, data, capsys)
    assert (code, err) == (0, "")
    assert "mfa 2020: discovered" in out and "mfa 2020: extracted" in out
    assert "mfa 2014: discovered" in out and "mfa 2014: outside the dataset's years" in out
    assert "mfa 2019: not fetched (no PDF attachment and no tables: the page is not a report" in out
    warehouse = data / "warehouse.duckdb"
    assert query(warehouse, "SELECT agency, year, kind, source_url, sha256 FROM reports") == [
        ("mfa", 2020, "original", site.url(posted[2020].pdf), digest(SAMPLE))
    ]
    assert query(
        warehouse, "SELECT published_on::VARCHAR, published_on_source, published_on_confidence FROM reports"
    ) == [("2021-01-29", f"report page {site.url(posted[2020].page)}: 发布时间：2021-01-29", "stated")]
    assert query(warehouse, "SELECT days_after_due, on_time FROM report_timeliness") == [(-2, True)]
    assert procurement_items(warehouse)[0][0] == 38
    assert site.statuses(posted[2020].pdf) == ["200"]
    built = digest(warehouse)

    site.log.clear()
    code, out, err = ogi_live(site, data, capsys)
    assert (code, err) == (0, "")
    assert site.statuses(posted[2020].pdf) == ["304"]  # asked, not downloaded
    assert "mfa 2020: unchanged on the site, not downloaded" in out
    assert "mfa 2020: extracted" not in out
    assert digest(warehouse) == built

    site.pdf(posted[2020].pdf, corrected_sample(tmp_path))
    code, out, err = ogi_live(site, data, capsys)
    assert (code, err) == (0, "") and "mfa 2020: extracted" in out
    assert "mfa 2020: downloaded a new version" in out
    assert procurement_items(warehouse)[0][0] == 39
    assert len(query(warehouse, "SELECT * FROM reports")) == 1


def test_live_run_with_an_unreadable_listing_is_one_line(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["run", "--live", "--listing-url", site.url("/gone/"), "--agency", "mfa", "--data-dir", str(tmp_path), *FAST]
    )
    err = capsys.readouterr().err
    assert code == 2 and err == f"ogi: error: mfa: cannot read the listing page: HTTP 404 from {site.url('/gone/')}\n"
    assert not (tmp_path / "warehouse.duckdb").exists()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str, Path]]:
    """A site with the 2020 report and a data folder after one good live run from it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("DAGSTER_HOME", raising=False)
        for site in serve():
            (posted,) = publish(site, {2020: SAMPLE.read_bytes()})
            data = tmp_path_factory.mktemp("loaded") / "data"
            args = ["run", "--live", "--listing-url", site.url(LISTING), "--agency", "mfa", "--data-dir", str(data)]
            assert main([*args, *FAST]) == 0
            yield site, posted.pdf, data


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        (Route(body=b"<!DOCTYPE html><html><body>error</body></html>"), "not a PDF: the body is an HTML page"),
        (Route(body=SAMPLE.read_bytes()[:40000], content_type="application/pdf"), "truncated PDF"),
        (Route(fail_first=99), "HTTP 500 from"),
        (Route(location="http://localhost:1/elsewhere.pdf"), "refused: host localhost is not listed"),
    ],
    ids=["html-as-pdf", "truncated", "server-error", "redirect-off-host"],
)
def test_live_faults_leave_the_warehouse_as_it_was(
    loaded: tuple[Site, str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: Route, cause: str
) -> None:
    site, pdf, loaded_data = loaded
    data = tmp_path / "data"
    shutil.copytree(loaded_data, data, symlinks=True)  # the link to the published build stays a link
    warehouse, raw = data / "warehouse.duckdb", data / "raw" / "reports" / "mfa" / "2020.json"
    before = (digest(warehouse), raw.read_bytes())
    good, site.routes[pdf] = site.routes[pdf], fault
    try:
        code, out, err = ogi_live(site, data, capsys)
    finally:
        site.routes[pdf] = good
    assert code == 2
    assert cause in out and "mfa 2020: downloaded" not in out  # the progress line names the cause
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ogi: error: mfa 2020: ") and lines[0].count("mfa 2020") == 1
    assert cause in lines[0] and "Traceback" not in out + err
    assert (digest(warehouse), raw.read_bytes()) == before


def test_live_run_fetches_old_style_reports_when_asked_for_their_years(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--years 2008-2018: the report on 2014 (an old-style PDF, its statistics table and text) is
    fetched and loaded as legacy facts (without --years it is left out: the test above)."""
    from pipeline.replica.oldreports import generate_old, old_pdf

    old = generate_old("fujian-2014", 1, year=2014)
    publish(site, {2014: old_pdf(old, tmp_path / "old.pdf").read_bytes()})
    data = tmp_path / "data"
    code = main(
        ["run", "--live", "--listing-url", site.url(LISTING), "--agency", "mfa", "--years", "2008-2018"]
        + ["--data-dir", str(data), *FAST]
    )
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), out
    assert "mfa 2014: extracted" in out
    warehouse = data / "warehouse.duckdb"
    assert query(warehouse, "SELECT year, template FROM reports") == [(2014, "legacy")]
    loaded = query(warehouse, "SELECT label, period, value FROM legacy_facts WHERE year = 2014 AND source = 'table'")
    assert sorted((label, period, int(value)) for label, period, value in loaded) == sorted(
        (f.label, f.period, f.value) for f in old.figures if f.sentence is None
    )
    assert main(["run", "--years", "2014", "--data-dir", str(data)]) == 2
    assert "add --live" in capsys.readouterr().err
