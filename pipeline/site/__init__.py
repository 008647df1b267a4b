"""The dataset page: a static site (``index.html`` plus ``assets/``) from the published warehouse.

Pure code, no Dagster: ``write_site`` fills a folder (a new snapshot's, for instance);
``publish_site`` replaces a whole site folder at once (``ogi report``). Nothing is fetched at view
time: the charts are SVG files drawn at build time, the tables' CSV files are written beside the
page, and the one script (the cross-agency chart) reads the figures embedded in the page.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from pipeline.core.errors import OgiError

MARKER = ".ogi-site"  # marks a folder written by publish_site, which it may replace


class SiteError(OgiError):
    """The page cannot be built: the message names the file and the cause."""


@dataclass(frozen=True)
class SiteSummary:
    index: Path
    agencies: int
    reports: int
    charts: int
    issues: int


def _today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the deadlines are Beijing time


def _fetched(raw_dir: Path | None) -> dict[tuple[str, int], str]:
    from pipeline.fetch.store import RawStore

    if raw_dir is None or not raw_dir.is_dir():
        return {}
    return {(r.agency, r.year): r.sha256 for r in RawStore(raw_dir).reports()}


def write_site(
    warehouse: Path,
    folder: Path,
    *,
    raw_dir: Path | None = None,
    today: date | None = None,
    in_snapshot: bool = False,
    snapshot: Path | None = None,
) -> SiteSummary:
    """Write ``index.html`` and ``assets/`` into ``folder`` from ``warehouse`` (opened read-only).
    ``raw_dir``: the raw store, to tell fetched reports that failed to load;
    ``in_snapshot``: the folder is a snapshot's, beside its Parquet files;
    ``snapshot``: the snapshot whose changes since the one before the page shows (the latest)."""
    from pipeline.site import charts
    from pipeline.site.changes import read_changes
    from pipeline.site.coverage import coverage
    from pipeline.site.data import read_site_data
    from pipeline.site.downloads import csv_path
    from pipeline.site.page import page_tables, render_index, script, stylesheet

    if not Path(warehouse).is_file():
        raise SiteError(f"{warehouse}: no warehouse there yet; run `ogi run` first")
    today = today or _today()
    try:
        data = read_site_data(warehouse, today)
    except duckdb.Error as exc:
        raise SiteError(f"{warehouse}: cannot read the warehouse: {str(exc).splitlines()[0]}") from None
    matrix = coverage(
        [a.code for a in data.agencies],
        data.reports,
        _fetched(raw_dir),
        {key: report.sha256 for key, report in data.reports.items()},
        data.overdue,
        data.due,
        today,
    )
    (folder / "assets" / "charts").mkdir(parents=True, exist_ok=True)
    (folder / "assets" / "style.css").write_bytes(stylesheet())
    (folder / "assets" / "compare.js").write_bytes(script())
    for name, text in page_tables(data, matrix).items():
        path = folder / csv_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    drawn = charts.agency_charts(data.reporting)  # path under folder -> SVG
    if drawn:
        drawn |= {f"assets/charts/legend-{kind}.svg": charts.legend(kind) for kind in ("outcomes", "review")}
    if data.denials and data.years:
        drawn["assets/charts/denials.svg"] = charts.denials_chart(data.denials, data.years)
    for path, svg in drawn.items():
        (folder / path).write_text(svg, encoding="utf-8")
    index = folder / "index.html"
    changes = read_changes(snapshot) if snapshot is not None else None
    index.write_text(
        render_index(data, matrix, today=today, in_snapshot=in_snapshot, changes=changes), encoding="utf-8"
    )
    return SiteSummary(index, len(data.agencies), len(data.reports), len(drawn), len(data.issues))


def publish_site(warehouse: Path, out: Path, **options) -> SiteSummary:
    """Build the site beside ``out`` and swap it in whole: a failed build leaves ``out`` as it was.
    ``out`` must be absent, empty, or a site written here before (it is replaced)."""
    out = Path(out).resolve()
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        raise SiteError(f"{out}: exists and is not a site written by `ogi report`; choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex}"
    old = out.parent / f".{out.name}.old-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        summary = write_site(warehouse, tmp, **options)
        (tmp / MARKER).write_text(
            "written by ogi report; the folder is replaced whole on the next run\n", encoding="utf-8"
        )
        if out.exists():
            out.rename(old)
        tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return SiteSummary(out / "index.html", summary.agencies, summary.reports, summary.charts, summary.issues)
