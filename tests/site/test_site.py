"""The dataset page (``ogi report``): built from real warehouses (the ground-truth reports, and
generated reports over seven years), checked against the warehouse's figures, and opened in
headless Chromium: no errors, no request leaving the folder, readable at phone width."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import chromium
import duckdb
import pytest
from truth import TRUTHS, truth_cells
from warehouse_support import build, query, truth_extractions

from pipeline.core.catalog import Agency
from pipeline.replica.staged_facts import generated_warehouse
from pipeline.site import MARKER, publish_site, write_site
from pipeline.site.comparison import MEASURES
from pipeline.site.coverage import ABSENT, FAILED, LOADED, NOT_DUE, OVERDUE, STATES, coverage
from pipeline.site.page import chart_path

TODAY = date(2026, 11, 29)
YEARS = range(2019, 2026)
HOSTILE = '<img src=x onerror="alert(1)">&amp;'


def _labels(svg: str) -> list[str]:
    """The texts a chart draws as glyph outlines (each is named in a comment before it)."""
    return re.findall(r"<!-- (.*?) -->", svg)


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def sample_site(fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The page of a warehouse holding the ground-truth reports (the bundled sample's figures)."""
    folder = tmp_path_factory.mktemp("sample")
    warehouse = build(folder, truth_extractions(fixtures))
    write_site(warehouse, folder / "site", today=TODAY)
    return warehouse, folder / "site"


@pytest.fixture(scope="module")
def trend_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Generated reports, 2019-2025, for three agencies; one is named (by its catalog) like markup,
    and one report's source address is a javascript: URL."""
    folder = tmp_path_factory.mktemp("trends")
    agencies = [
        Agency("gen-a", "示范市人民政府", "Sample City", level="prefecture", kind="government", region="110100"),
        Agency(
            "gen-b",
            "示范县财政局",
            "Sample County finance",
            level="county",
            kind="department",
            region="110101",
            parent="示范县人民政府",
        ),
        Agency(
            "gen-c",
            HOSTILE,
            "Markup <b>bureau</b>",
            level="county",
            kind="department",
            region="110101",
            parent="示范县人民政府",
        ),
    ]
    warehouse = generated_warehouse(folder, agencies, YEARS, inconsistent_every=4)
    con = duckdb.connect(str(warehouse))
    con.execute(
        "UPDATE reports SET kind = 'original', source_url = 'javascript:alert(2)' WHERE agency = 'gen-c' AND year = 2019"
    )
    con.execute(
        "UPDATE reports SET kind = 'original', source_url = 'https://example.gov.cn/gen-a-2020.pdf' "
        "WHERE agency = 'gen-a' AND year = 2020"
    )
    # A reconsideration total published blank: its rate is unknown, said, never drawn as 0.
    con.execute(
        "UPDATE review_facts SET value = NULL, raw = '' WHERE agency = 'gen-b' AND year = 2023 "
        "AND proceeding = 'administrative_review' AND result = 'total'"
    )
    con.close()
    write_site(warehouse, folder / "site", today=TODAY)
    return warehouse, folder / "site"


def test_the_sample_page_shows_its_agencies_years_figures_and_quality_issues(sample_site, fixtures: Path) -> None:
    warehouse, site = sample_site
    html = (site / "index.html").read_text(encoding="utf-8")
    for name in ("外交部", "淮安市洪泽区人民政府"):
        assert name in html
    assert all(f'<th scope="col">{year}</th>' in html for year in range(2020, 2026))
    for (agency, year), (truth, _) in TRUTHS.items():
        assert f'title="{agency} {year}: {STATES[LOADED][1]}"' in html
        new = truth_cells(fixtures / truth)[("requests", "new_requests", "total")]
        labels = _labels((site / chart_path(agency, "requests")).read_text(encoding="utf-8"))
        assert str(year) in labels and f"{new:,.0f}" in labels, (agency, year)
    issues = query(warehouse, "SELECT subject, published, computed, cells FROM quality_issues")
    assert len(issues) == 2 and html.count('<tr class="issue">\n<td>2023</td>') == 2
    assert "<summary>淮安市洪泽区人民政府 <code>huaian-hongze</code>: 2 issues</summary>" in html
    for subject, published, computed, cells in issues:
        assert (
            f"{subject}<br><small>review, {subject}: 总计 = {published:.0f} but the results add up to {computed:.0f}"
            in html
        )
        for cell in json.loads(cells):
            assert (
                f"<code>{cell['row']}</code> / <code>{cell['column']}</code> = {cell['raw']} "
                f'<span class="raw">printed “{cell["raw"]}”</span>'
            ) in html
            assert f"2023 replica p. {cell['page']}" in html


def test_a_single_year_is_said_and_agencies_without_reports_are_listed_once(sample_site) -> None:
    warehouse, site = sample_site
    html = (site / "index.html").read_text(encoding="utf-8")
    articles = dict(re.findall(r'<article class="agency" id="agency-([^"]+)">(.*?)</article>', html, re.S))
    loaded = {
        agency: sorted(years)
        for agency, years in query(warehouse, "SELECT agency, list(year) FROM reports GROUP BY agency")
    }
    assert sorted(articles) == sorted(loaded)
    for agency, years in loaded.items():
        note = f"One year loaded ({years[0]}): the charts show a trend once another year" in articles[agency]
        assert note == (len(years) == 1), agency
        labels = _labels((site / chart_path(agency, "requests")).read_text(encoding="utf-8"))
        assert [label for label in labels if re.fullmatch(r"20[1-3]\d", label)] == [str(y) for y in years]
    waiting = query(
        warehouse,
        "SELECT agency, name_zh FROM agencies WHERE agency NOT IN (SELECT agency FROM reports) ORDER BY agency",
    )
    assert waiting  # the catalog has agencies without a loaded report
    listed = re.search(r'<p class="empty" id="no-report">(.*?)</p>', html, re.S).group(1)
    assert f"({len(waiting)})" in listed
    for agency, name in waiting:
        assert f"{name} <code>{agency}</code>" in listed and f'href="#agency-{agency}"' not in html
        assert not (site / chart_path(agency, "requests")).exists()
    # The agencies without data are folded into one line per level, in the coverage table only.
    tables = re.findall(r"<table[^>]*>.*?</table>", html, re.S)
    folded = [t for t in tables if 'class="folded"' in t]
    assert len(folded) == 1 and folded[0].startswith('<table class="coverage">')


def test_charts_are_self_contained_svg_with_the_glyphs_drawn(sample_site) -> None:
    _, site = sample_site
    svgs = sorted((site / "assets" / "charts").glob("*.svg"))
    assert {p.name for p in svgs} >= {
        "denials.svg",
        "legend-outcomes.svg",
        "legend-review.svg",
        "mfa-requests.svg",
        "mfa-outcomes.svg",
        "mfa-review.svg",
    }
    for path in svgs:
        svg = path.read_text(encoding="utf-8")
        assert "<text" not in svg and "@font-face" not in svg and "<image" not in svg, path.name
        assert not re.search(r'(?:href|src)="(?!#)', svg), path.name  # only references inside the file
    legend = (site / "assets" / "charts" / "legend-outcomes.svg").read_text(encoding="utf-8")
    assert "予以公开 disclosed" in _labels(legend) and legend.count('<path id="') > 20  # CJK glyph outlines


def test_trends_cover_every_year_with_the_warehouse_figures(trend_site) -> None:
    warehouse, site = trend_site
    html = (site / "index.html").read_text(encoding="utf-8")
    for agency in ("gen-a", "gen-b", "gen-c"):
        new = dict(
            query(
                warehouse,
                "SELECT year, value FROM request_facts WHERE agency = ? AND outcome = 'new_requests' "
                "AND applicant = 'total'",
                [agency],
            )
        )
        assert sorted(new) == list(YEARS)
        svg = (site / chart_path(agency, "requests")).read_text(encoding="utf-8")
        labels = _labels(svg)
        assert [label for label in labels if label in {str(y) for y in YEARS}] == [str(y) for y in YEARS]
        assert all(f"{new[year]:,.0f}" in labels for year in YEARS), agency
        # One bar a year, left to right, its height in proportion to the year's figure.
        bars = re.findall(
            r"M([\d.]+) ([\d.]+)H[\d.]+V([\d.]+)H[\d.]+Z", re.search(r'<path d="([^"]+)" fill=', svg).group(1)
        )
        assert [float(x) for x, _, _ in bars] == sorted(float(x) for x, _, _ in bars) and len(bars) == len(YEARS)
        scale = [(float(bottom) - float(top)) / float(new[year]) for (_, top, bottom), year in zip(bars, YEARS)]
        assert max(scale) - min(scale) < 0.01 * max(scale), agency
        for chart in ("outcomes", "review"):
            labels = _labels((site / chart_path(agency, chart)).read_text(encoding="utf-8"))
            assert all(str(y) in labels for y in YEARS), (agency, chart)
    issues = query(warehouse, "SELECT count(*) FROM quality_issues")[0][0]
    assert issues > 0 and html.count('<ul class="cells">') == issues


def test_text_from_data_is_escaped_and_only_web_links_are_links(trend_site) -> None:
    _, site = trend_site
    html = (site / "index.html").read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&amp;amp;" in html
    assert "<b>bureau</b>" not in html and "Markup &lt;b&gt;bureau&lt;/b&gt;" in html
    assert "javascript:" not in html
    assert '<a href="https://example.gov.cn/gen-a-2020.pdf">original</a>' in html
    # The only scripts: the chart's own file and its figures as JSON, where no markup can close it.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script type="application/json" id="compare-data">',
        '<script src="assets/compare.js">',
    ]
    data = re.search(r'<script type="application/json" id="compare-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and json.loads(data)["rows"][14]["name_zh"] == HOSTILE


def test_the_page_loads_in_chromium_without_errors_or_outside_requests(trend_site, tmp_path: Path) -> None:
    _, site = trend_site
    index = site / "index.html"
    visit = chromium.visit(
        index.as_uri(),
        tmp_path,
        widths={"desktop": 1200, "phone": 390},
        expressions={
            "images": "[...document.images].map(i => i.complete && i.naturalWidth > 0)",
            "agencies": "[...document.querySelectorAll('article.agency h3')].map(h => h.textContent)",
            "coverage": "[...document.querySelectorAll('table.coverage td')].map(td => td.textContent)",
            "figures": "[...document.querySelectorAll('#agency-gen-a table.figures tbody tr')]"
            ".map(tr => [...tr.children].map(c => c.textContent))",
            "overflow": "document.documentElement.scrollWidth - window.innerWidth",
            "injected": "document.querySelectorAll('img[src=x]').length",
        },
    )
    for name, path in visit.screenshots.items():
        print(f"screenshot ({name}): {path}")
    assert visit.errors == []
    assert visit.requests and all(url.startswith("file://") for url in visit.requests), visit.requests
    assert {url for url in visit.requests if url.endswith(".svg")} >= {(site / chart_path("gen-b", "review")).as_uri()}
    for width in ("desktop", "phone"):
        images = visit.values[f"{width}:images"]
        assert len(images) == 3 * 5 + 1 and all(images), width  # 3 charts + 2 legends per agency, denials
        assert visit.values[f"{width}:overflow"] <= 0, width  # nothing sticks out at phone width
        assert visit.values[f"{width}:injected"] == 0
    agencies = visit.values["desktop:agencies"]
    assert len(agencies) == 3 and agencies[2].startswith(HOSTILE)
    assert visit.values["desktop:coverage"] == [STATES[LOADED][0]] * (3 * len(YEARS))
    rows = visit.values["desktop:figures"]
    assert [row[0] for row in rows] == [str(y) for y in YEARS]
    assert all(path.stat().st_size > 10_000 for path in visit.screenshots.values())


def test_the_same_warehouse_gives_the_same_files(sample_site, tmp_path: Path) -> None:
    warehouse, site = sample_site
    write_site(warehouse, tmp_path, today=TODAY)
    assert _tree(tmp_path) == _tree(site)


def test_coverage_tells_loaded_failed_overdue_and_not_yet_due() -> None:
    loaded = {("a", 2021): "s1", ("a", 2022): "s2", ("a", 2024): "s4"}
    fetched = {("a", 2022): "s2", ("a", 2023): "s3", ("a", 2024): "s4-new"}
    overdue = [("a", 2025)]  # the warehouse's overdue_reports_on(TODAY): a's first report is 2021
    due = {(agency, year): date(year + 1, 1, 31) for agency in "ab" for year in range(2019, 2027)}
    matrix = coverage(["a", "b"], loaded, fetched, loaded, overdue, due, TODAY)
    assert matrix.years == [2021, 2022, 2023, 2024, 2025]
    assert [matrix.states[("a", y)] for y in matrix.years] == [LOADED, LOADED, FAILED, FAILED, OVERDUE]
    # An agency with nothing loaded is not covered yet, not overdue (the macro leaves it out).
    assert [matrix.states[("b", y)] for y in matrix.years] == [ABSENT] * 5
    before_deadline = coverage(["a"], loaded, {}, loaded, [("a", 2023)], due, date(2026, 1, 20))
    assert before_deadline.years[-1] == 2025 and before_deadline.states[("a", 2025)] == NOT_DUE
    assert before_deadline.states[("a", 2023)] == OVERDUE


def _ogi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, timeout=300)


def test_ogi_report_replaces_its_site_and_keeps_it_when_the_warehouse_is_bad(sample_site, tmp_path: Path) -> None:
    warehouse, _ = sample_site
    data = tmp_path / "data"
    data.mkdir()
    missing = _ogi("report", "--data-dir", str(data))
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr == f"ogi: error: {data / 'warehouse.duckdb'}: no warehouse there yet; run `ogi run` first\n"

    (data / "warehouse.duckdb").write_bytes(warehouse.read_bytes())
    done = _ogi("report", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    site = data / "site"
    assert done.stdout.splitlines()[0] == f"site written: {site / 'index.html'}"
    assert (site / MARKER).is_file() and (site / chart_path("mfa", "requests")).is_file()
    before = _tree(site)

    (data / "warehouse.duckdb").write_bytes(b"not a database" * 100)
    bad = _ogi("report", "--data-dir", str(data))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert re.fullmatch(
        rf"ogi: error: {re.escape(str(data / 'warehouse.duckdb'))}: cannot read the warehouse: .+\n", bad.stderr
    )
    assert _tree(site) == before
    assert not [p for p in data.iterdir() if p.name.startswith(".")]  # no half-built site left behind


def test_ogi_report_never_replaces_a_folder_it_did_not_write(sample_site, tmp_path: Path) -> None:
    warehouse, _ = sample_site
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "todo.txt").write_text("keep me", encoding="utf-8")
    result = _ogi("report", "--out", str(mine), "--data-dir", str(warehouse.parent))
    assert result.returncode == 2
    assert (
        result.stderr == f"ogi: error: {mine}: exists and is not a site written by `ogi report`; choose another --out\n"
    )
    assert [p.name for p in mine.iterdir()] == ["todo.txt"]
    summary = publish_site(warehouse, tmp_path / "fresh", today=TODAY)
    assert summary.reports == 3 and summary.issues == 2 and summary.index.is_file()


PICK = """(() => {{
  const measure = document.getElementById("compare-measure"), year = document.getElementById("compare-year");
  measure.value = "{measure}"; measure.dispatchEvent(new Event("change"));
  year.value = "{year}"; year.dispatchEvent(new Event("change"));
  return [...document.querySelectorAll("#compare-chart .bar-row")].map(row => [row.dataset.agency,
    row.dataset.value, row.querySelector(".bar-name").textContent, row.querySelector(".bar-value").textContent,
    row.querySelector(".bar").style.width]);
}})()"""
PICKS = {"denied": ("denied_share", 2021), "reconsideration": ("reconsiderations_per_100", 2023)}


def _same_rows(warehouse: Path, csv_file: Path, view: str) -> None:
    """The CSV holds exactly the view's rows and columns, every value as DuckDB writes it as text."""
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(warehouse)])
        header = csv_file.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [d[0] for d in con.execute(f"SELECT * FROM w.{view} LIMIT 0").description]
        downloaded = "read_csv(?, header = true, all_varchar = true)"
        view_as_text = f"SELECT COLUMNS(*)::VARCHAR FROM w.{view}"
        for extra in (
            f"SELECT * FROM {downloaded} EXCEPT ALL {view_as_text}",
            f"{view_as_text} EXCEPT ALL SELECT * FROM {downloaded}",
        ):
            assert con.execute(extra, [str(csv_file)]).fetchall() == [], (view, extra)
        counts = con.execute(
            f"SELECT (SELECT count(*) FROM {downloaded}), (SELECT count(*) FROM w.{view})", [str(csv_file)]
        )
        count, rows = counts.fetchone()
        assert count == rows > 0
    finally:
        con.close()


def test_the_cross_agency_chart_draws_the_measure_and_year_picked(trend_site, tmp_path: Path) -> None:
    warehouse, site = trend_site
    expressions = {
        "measures": "[...document.querySelectorAll('#compare-measure option')].map(o => o.value)",
        "years": "[...document.querySelectorAll('#compare-year option')].map(o => o.value)",
        **{name: PICK.format(measure=measure, year=year) for name, (measure, year) in PICKS.items()},
        "injected": "document.querySelectorAll('img[src=x]').length",
        "downloads": "[...document.querySelectorAll('a.csv')].map(a => a.href)",
        "comparison_csv": "document.querySelector('#compare a.csv').href",
        "timeliness_csv": "document.querySelector('#timeliness a.csv').href",
    }
    visit = chromium.visit((site / "index.html").as_uri(), tmp_path, widths={"desktop": 1200}, expressions=expressions)
    assert visit.errors == []
    assert all(url.startswith("file://") for url in visit.requests), visit.requests
    values = {name.removeprefix("desktop:"): value for name, value in visit.values.items()}
    assert values["measures"] == list(MEASURES)
    assert values["years"] == [str(y) for y in reversed(YEARS)]
    for name, (measure, year) in PICKS.items():
        expected = dict(query(warehouse, f"SELECT agency, {measure} FROM agency_comparison WHERE year = ?", [year]))
        drawn = {agency: (value, label, shown, width) for agency, value, label, shown, width in values[name]}
        assert sorted(drawn) == ["gen-a", "gen-b", "gen-c"], name  # every loaded body, side by side
        top = max(v for v in expected.values() if v is not None)
        for agency, wanted in expected.items():
            value, label, shown, width = drawn[agency]
            if wanted is None:
                assert (value, shown, width) == ("", "未公布 not published", "0%"), (name, agency)
                continue
            assert float(value) == pytest.approx(float(wanted)), (name, agency)
            assert float(width.removesuffix("%")) == pytest.approx(100 * float(wanted) / float(top)), (name, agency)
        assert drawn["gen-c"][1].startswith(HOSTILE)  # markup in a name is shown as text
    assert expected["gen-b"] is None  # the blank total of the fixture
    assert values["injected"] == 0
    for url in values["downloads"]:
        assert Path(unquote(urlsplit(url).path)).is_file(), url
    assert (
        len(values["downloads"]) == 6 + 3
    )  # coverage, comparison, timeliness, denials, issues, dictionary; 3 agencies
    _same_rows(warehouse, Path(unquote(urlsplit(values["comparison_csv"]).path)), "agency_comparison")
    _same_rows(warehouse, Path(unquote(urlsplit(values["timeliness_csv"]).path)), "report_timeliness")
