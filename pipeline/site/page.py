"""The page itself: ``index.html`` from a Jinja template (every value escaped), the stylesheet and
the chart files beside it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from urllib.parse import urlsplit

import jinja2

from pipeline.site.changes import Changes
from pipeline.site.comparison import comparison_data, embedded
from pipeline.site.coverage import STATES, Coverage
from pipeline.site.data import OUTCOME_PARTS, RESULTS, Agency, Cell, SiteData
from pipeline.site.downloads import csv_path, csv_text

# Said of a table or view when the warehouse carries no COMMENT for it.
DESCRIPTIONS = {
    "request_facts": "One row per cell of table 三: requests and how they were handled (outcome × applicant).",
    "review_facts": "One row per cell of table 四: reconsideration and litigation (proceeding × result).",
    "proactive_facts": "One row per cell of table 二: proactive disclosure (item × measure).",
    "reports": "One row per loaded report: source URL or replica, sha256, template, pages, extractor version.",
    "quality_issues": "Published totals that do not add up, with the cells involved (JSON).",
    "agencies": "The publishers: code, Chinese and English name.",
    "applicant_types": "Columns of table 三 (applicant types and their groups).",
    "outcomes": "Rows of table 三 with their groups (不予公开, 无法提供, 不予处理, 其他处理).",
    "proceedings": "Rows of table 四.",
    "results": "Columns of table 四.",
    "proactive_items": "Rows of table 二.",
    "proactive_measures": "Columns of table 二.",
    "warehouse_info": "The build: fingerprint, code version, build time.",
    "request_outcomes": "Each outcome row (总计 column) with its share of (七)总计.",
    "request_outcome_groups": "Outcome group subtotals per applicant column, with their share.",
    "denials_by_reason": "Requests denied (不予公开) by reason (总计 column).",
    "applicant_mix": "New requests by applicant type, with their share.",
}
CHARTS = ("requests", "outcomes", "review")


def slug(agency: str) -> str:
    """A file and anchor name for an agency code (codes from the catalog are already safe)."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", agency):
        return agency
    return "a-" + hashlib.sha256(agency.encode("utf-8")).hexdigest()[:16]


def chart_path(agency: str, chart: str) -> str:
    return f"assets/charts/{slug(agency)}-{chart}.svg"


def web_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None (never a javascript: or file: link from data)."""
    if not url:
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def number(value: Decimal | None) -> str:
    if value is None:
        return "blank"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


@dataclass(frozen=True)
class Source:
    """Where a cell can be checked: the publisher's file at a page, or the bundled replica."""

    text: str
    href: str | None


def _source(data: SiteData, agency: str, cell: Cell) -> Source:
    report = data.reports.get((agency, cell.year))
    where = f"p. {cell.page}" if cell.page is not None else ""
    link = web_link(report.source_url) if report else None
    if link:
        return Source(f"{cell.year} report {where}".strip(), f"{link}#page={cell.page}" if cell.page else link)
    kind = "replica" if report and report.kind == "replica" else "report"
    return Source(f"{cell.year} {kind} {where}".strip(), None)


def _folded(data: SiteData, coverage: Coverage) -> list[tuple[str, list[Agency]]]:
    """The agencies with nothing in the data set, one group per level (in the order the
    warehouse lists them: central bodies first), so the coverage table shows the others first."""
    groups: dict[str, list[Agency]] = {}
    for agency in data.agencies:
        if not coverage.with_data(agency.code):
            groups.setdefault(agency.level, []).append(agency)
    return list(groups.items())


def figures_csv(agency: str) -> str:
    return f"figures-{slug(agency)}"


def page_tables(data: SiteData, coverage: Coverage) -> dict[str, str]:
    """Each table of the page as CSV text, by the name of its file (``downloads.csv_path``)."""
    tables = {
        "coverage": csv_text(
            ["agency", "name_zh", "year", "state"],
            [(a.code, a.name_zh, y, coverage.states[(a.code, y)]) for a in data.agencies for y in coverage.years],
        ),
        "agency_comparison": csv_text(data.comparison.columns, data.comparison.rows),
        "report_timeliness": csv_text(data.timeliness.columns, data.timeliness.rows),
        "denials": csv_text(
            ["reason", "label_zh", "label_en", "year", "requests"],
            [(d.reason, d.label_zh, d.label_en, y, d.by_year[y]) for d in data.denials for y in sorted(d.by_year)],
        ),
        "quality_issues": csv_text(
            ["agency", "year", "check_name", "subject", "published", "computed", "message"],
            [(i.agency, i.year, i.check_name, i.subject, i.published, i.computed, i.message) for i in data.issues],
        ),
        "dictionary": csv_text(
            ["relation", "is_view", "column", "data_type", "comment"],
            [(r.name, r.is_view, c.name, c.data_type, c.comment) for r in data.relations for c in r.columns],
        ),
    }
    for agency in data.reporting:
        rows = []
        for year, figures in agency.years.items():
            report = data.reports.get((agency.code, year))
            rows.append(
                (
                    year,
                    report.kind if report else None,
                    report.template if report else None,
                    report.pages if report else None,
                    figures.new_requests,
                    figures.total_processed,
                    *(figures.outcomes.get(part) for part in OUTCOME_PARTS),
                )
            )
        columns = ["year", "report", "template", "pages", "new_requests", "total_processed", *OUTCOME_PARTS]
        tables[figures_csv(agency.code)] = csv_text(columns, rows)
    return tables


def render_index(
    data: SiteData, coverage: Coverage, *, today: date, in_snapshot: bool, changes: Changes | None = None
) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.site", "templates"),
        autoescape=True,  # agency names, labels and raw cell text come from data
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = number
    env.filters["link"] = web_link
    return env.get_template("index.html.j2").render(
        data=data,
        coverage=coverage,
        states=STATES,
        outcome_parts=OUTCOME_PARTS,
        results=RESULTS,
        years=data.years,
        reporting=data.reporting,
        chart_path=chart_path,
        slug=slug,
        agency_names={a.code: a.name_zh for a in data.agencies},
        folded_by_level=_folded(data, coverage),
        source=lambda agency, cell: _source(data, agency, cell),
        describe=lambda relation: relation.comment or DESCRIPTIONS.get(relation.name, ""),
        today=today,
        in_snapshot=in_snapshot,
        csv=csv_path,
        timeliness=[dict(zip(data.timeliness.columns, row, strict=True)) for row in data.timeliness.rows],
        figures_csv=figures_csv,
        comparison_json=embedded(comparison_data(data.comparison)) if data.comparison.rows else None,
        changes=changes,
    )


def stylesheet() -> bytes:
    return resources.files("pipeline.site").joinpath("style.css").read_bytes()


def script() -> bytes:
    """The cross-agency chart's script (``assets/compare.js``)."""
    return resources.files("pipeline.site").joinpath("compare.js").read_bytes()
