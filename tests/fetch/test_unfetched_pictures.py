"""A report page whose tables are all pictures, on a local site over real HTTP, when its pictures
cannot be fetched (the picture host answers 503): the report fails with a line saying so, nothing
is refused or stored over the version kept, and the next run asks for the pictures again, also
when the page itself is unchanged (304)."""

from __future__ import annotations

from pathlib import Path

from sitefixture import FAST, Route, serve

from pipeline.core.catalog import Agency
from pipeline.fetch import FetchOutcome, Policy, RawStore, discover_reports, fetch_report
from pipeline.fetch.client import HttpClient
from pipeline.replica.content import load_content
from pipeline.replica.picturepage import DECOR, PICTURES, picture_page

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
LISTING = "/col/col1/index.html"
PAGE = "/art/2025/1/20/art_1_100.html"


def test_pictures_not_fetched_fail_the_run_and_are_asked_for_again(tmp_path: Path) -> None:
    content = load_content(SAMPLES / "huaian-hongze-2024.yaml")
    page = picture_page(content, {"二", "三", "四"}, tmp_path)
    pictures = [*DECOR.values(), *(p.relative_to(tmp_path).as_posix() for p in (tmp_path / PICTURES).rglob("*.png"))]
    good = {
        f"/{path}": Route(
            body=(tmp_path / path).read_bytes(), content_type="image/png" if path.endswith("png") else "image/jpeg"
        )
        for path in pictures
    }
    server = serve()
    site = next(server)
    try:
        site.html(PAGE, page)
        title = f"{content.agency}{content.year}年政府信息公开工作年度报告"
        site.html(LISTING, f'<html><body><ul class="list"><li><a href="{PAGE}">{title}</a></li></ul></body></html>')
        agency = Agency(
            "hongze",
            content.agency,
            "Hongze",
            (site.url(LISTING),),
            ("127.0.0.1",),
            level="county",
            kind="government",
            region="320813",
        )
        store = RawStore(tmp_path / "raw")

        def run(available: bool) -> FetchOutcome:
            for path, route in good.items():
                site.routes[path] = route if available else Route(status=503)
            with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
                [link] = discover_reports(agency, client=client)
                return fetch_report(link, store, client=client, agency_name=content.agency)

        first = run(available=False)
        assert first.error is not None and "pictures of the page could be fetched" in first.error
        assert "HTTP 503" in first.error and "without tables" not in first.error
        assert store.current("hongze", 2024) is None

        second = run(available=True)  # the pictures asked for again
        assert second.error is None and second.downloaded and second.raw.format == "mht"
        assert sorted(part["url"] for part in second.raw.parts if "sha256" in part) == sorted(map(site.url, good))

        third = run(available=False)  # the page unchanged, its pictures failing again
        assert site.statuses(PAGE)[-1] == "304"
        assert third.error is not None and "pictures of the page could be fetched" in third.error
        assert store.current("hongze", 2024) == second.raw

        fourth = run(available=True)  # unchanged page, pictures asked for again (conditionally)
        assert fourth.error is None and not fourth.changed and fourth.raw.sha256 == second.raw.sha256
        assert site.statuses(PAGE)[-1] == "304" and {site.statuses(p)[-1] for p in good} == {"304"}
    finally:
        server.close()
