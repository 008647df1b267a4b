"""A report page whose tables are all pictures, on a local site over real HTTP, when its pictures
cannot be fetched (the picture host answers 503): the report fails with a line saying so, nothing
is refused or stored over the version kept, and the next run asks for the pictures again, also
when the page itself is unchanged (304)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from county_site import PAGE, county_agency, publish_page
from sitefixture import FAST, Route, Site, serve

from pipeline.fetch import FetchOutcome, Policy, RawStore, discover_reports, fetch_report
from pipeline.fetch.client import HttpClient
from pipeline.fetch.failures import NotAReport
from pipeline.fetch.refusals import Refusals
from pipeline.replica.content import load_content
from pipeline.replica.picturepage import DECOR, PICTURES, picture_page

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
WITHOUT_TABLES = "not a PDF: the body is an HTML page without tables, not a report page"
CONTENT = load_content(SAMPLES / "huaian-hongze-2024.yaml")


@pytest.fixture(scope="module")
def pictured(tmp_path_factory) -> tuple[str, dict[str, Route]]:
    """The report page with tables 二, 三 and 四 as pictures, and the routes serving its pictures."""
    folder = tmp_path_factory.mktemp("pictured")
    page = picture_page(CONTENT, {"二", "三", "四"}, folder)
    paths = [*DECOR.values(), *(p.relative_to(folder).as_posix() for p in (folder / PICTURES).rglob("*.png"))]
    kind = {".png": "image/png", ".jpg": "image/jpeg"}
    return page, {
        f"/{path}": Route(body=(folder / path).read_bytes(), content_type=kind[Path(path).suffix]) for path in paths
    }


@pytest.fixture
def site(pictured: tuple[str, dict[str, Route]]) -> Iterator[Site]:
    """The county's site: a listing and the report page."""
    server = serve()
    site = next(server)
    publish_page(site, CONTENT, pictured[0])
    yield site
    server.close()


def run(site: Site, store: RawStore, pictures: dict[str, Route], *, served: bool) -> FetchOutcome:
    """Discover and fetch the report, its ``pictures`` served (or each answering 503)."""
    for path, route in pictures.items():
        site.routes[path] = route if served else Route(status=503)
    agency = county_agency(site, CONTENT)
    with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
        [link] = discover_reports(agency, client=client)
        return fetch_report(link, store, client=client, agency_name=CONTENT.agency)


def test_pictures_not_fetched_fail_the_run_and_are_asked_for_again(
    site: Site, pictured: tuple[str, dict[str, Route]], tmp_path: Path
) -> None:
    store, pictures = RawStore(tmp_path / "raw"), pictured[1]
    first = run(site, store, pictures, served=False)
    assert first.error is not None and "pictures of the page could be fetched" in first.error
    assert "HTTP 503" in first.error and "without tables" not in first.error
    assert store.current("hongze", 2024) is None

    second = run(site, store, pictures, served=True)  # the pictures asked for again
    assert second.error is None and second.downloaded and second.raw.format == "mht"
    assert sorted(part["url"] for part in second.raw.parts if "sha256" in part) == sorted(map(site.url, pictures))

    third = run(site, store, pictures, served=False)  # the page unchanged, its pictures failing again
    assert site.statuses(PAGE)[-1] == "304"
    assert third.error is not None and "pictures of the page could be fetched" in third.error
    assert store.current("hongze", 2024) == second.raw

    fourth = run(site, store, pictures, served=True)  # unchanged page, pictures asked for again (conditionally)
    assert fourth.error is None and not fourth.changed and fourth.raw.sha256 == second.raw.sha256
    assert site.statuses(PAGE)[-1] == "304" and {site.statuses(p)[-1] for p in pictures} == {"304"}


def test_a_picture_page_refused_as_without_tables_is_judged_again_with_its_pictures(
    site: Site, pictured: tuple[str, dict[str, Route]], tmp_path: Path
) -> None:
    """A data folder where an earlier version refused the page alone ("without tables") when its
    pictures could not be fetched: the unchanged page is fetched again with its pictures."""
    store = RawStore(tmp_path / "raw")
    refusals = Refusals(store.root)
    with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
        served = client.get(site.url(PAGE), max_bytes=client.policy.max_page_bytes)
    refusals.remember("hongze", 2024, site.url(PAGE), served.headers, NotAReport(WITHOUT_TABLES))
    assert refusals.get("hongze", 2024, site.url(PAGE)) is not None

    outcome = run(site, store, pictured[1], served=True)
    assert outcome.error is None and outcome.raw.format == "mht" and site.statuses(PAGE)[-1] == "200"
    assert refusals.get("hongze", 2024, site.url(PAGE)) is None
