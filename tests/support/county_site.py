"""A county's site imitated over real HTTP (``sitefixture``): a listing that links the report page
by its title, and the county (洪泽) whose catalog entry reads that listing."""

from __future__ import annotations

from sitefixture import Site

from pipeline.core.catalog import Agency
from pipeline.replica.content import ReportContent

LISTING = "/col/col1/index.html"
PAGE = "/art/2025/1/20/art_1_100.html"


def publish_page(site: Site, content: ReportContent, page: str) -> None:
    """Serve ``page`` as the report page of ``content``, listed by its title."""
    site.html(PAGE, page)
    title = f"{content.agency}{content.year}年政府信息公开工作年度报告"
    site.html(LISTING, f'<html><body><ul class="list"><li><a href="{PAGE}">{title}</a></li></ul></body></html>')


def county_agency(site: Site, content: ReportContent) -> Agency:
    """The county of ``content``, its listing on ``site``."""
    return Agency(
        "hongze",
        content.agency,
        "Hongze",
        (site.url(LISTING),),
        ("127.0.0.1",),
        level="county",
        kind="government",
        region="320813",
    )
