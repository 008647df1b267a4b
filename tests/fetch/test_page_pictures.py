"""A report page whose table 四 is a picture, on a local imitation of a county site over real
HTTP: discovery takes the page (no attachment, no complete HTML tables, pictures on the agency's
host) for the report; fetching keeps the page with its pictures as one single-file web page in the
raw store (each picture's address, sha256 and time in the record, a picture of another host not
fetched and named). A rerun asks for the page and each picture conditionally and keeps the
version; a picture changed on the site is a new version. (The stored page read into the
warehouse: tests/launcher/test_live_pictures.py.)"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from county_site import PAGE, county_agency, publish_page
from PIL import Image
from sitefixture import FAST, Route, serve

from pipeline.extract.mhtfile import read_archive
from pipeline.fetch import Policy, RawStore, discover_reports, fetch_report
from pipeline.fetch.client import HttpClient
from pipeline.replica.content import load_content
from pipeline.replica.picturepage import DECOR, PICTURES, picture_page

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
TABLE = f"/{PICTURES}/table4.png"


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> dict:
    """The site (report page, its pictures, one more on another host), the content and the store
    after one fetch."""
    folder = tmp_path_factory.mktemp("site")
    content = load_content(SAMPLES / "huaian-hongze-2024.yaml")
    page = picture_page(content, {"四"}, folder)
    page = page.replace("</h1>", '</h1><p><img src="http://localhost:1/banner.png"></p>', 1)  # not the agency's host
    server = serve()
    site = next(server)
    publish_page(site, content, page)
    for path in [*DECOR.values(), TABLE.lstrip("/")]:
        kind = "image/jpeg" if path.endswith(".jpg") else "image/png"
        site.routes[f"/{path}"] = Route(body=(folder / path).read_bytes(), content_type=kind)
    agency = county_agency(site, content)
    store = RawStore(folder / "raw")
    with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
        [link] = discover_reports(agency, client=client)
        outcome = fetch_report(link, store, client=client, agency_name=content.agency)
    yield {
        "site": site,
        "agency": agency,
        "content": content,
        "store": store,
        "link": link,
        "outcome": outcome,
        "folder": folder,
    }
    server.close()


def test_the_page_is_stored_with_its_pictures_and_their_provenance(county) -> None:
    site, link, outcome = county["site"], county["link"], county["outcome"]
    assert link.page_report and link.pdf_url is None and outcome.error is None and outcome.downloaded
    raw = outcome.raw
    assert raw.format == "mht" and raw.source_url == site.url(PAGE)
    archive = read_archive(raw.path.read_bytes())
    assert archive.page == site.routes[PAGE].body and archive.location == site.url(PAGE)
    by_url = {part["url"]: part for part in raw.parts}
    table = site.routes[TABLE].body
    assert archive.parts[site.url(TABLE)] == table
    assert by_url[site.url(TABLE)]["sha256"] == hashlib.sha256(table).hexdigest()
    assert by_url[site.url(TABLE)]["size"] == len(table) and by_url[site.url(TABLE)]["fetched_at"]
    assert by_url[site.url(TABLE)]["headers"]["Content-Type"] == "image/png"
    assert set(by_url) == {
        site.url(TABLE),
        *(site.url(f"/{p}") for p in DECOR.values()),
        "http://localhost:1/banner.png",
    }
    assert by_url["http://localhost:1/banner.png"] == {
        "url": "http://localhost:1/banner.png",
        "error": "not fetched: not on the agency's hosts",
    }
    # The lazy picture is fetched from its data-src, never its placeholder.
    assert site.requests(TABLE) and not site.requests("/images/loading.gif")


def test_a_rerun_asks_conditionally_and_a_changed_picture_is_a_new_version(county) -> None:
    site, store, link, first = county["site"], county["store"], county["link"], county["outcome"].raw
    name = county["content"].agency
    with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
        again = fetch_report(link, store, client=client, agency_name=name)
    assert again.error is None and not again.downloaded and not again.changed and again.raw.sha256 == first.sha256
    assert site.statuses(PAGE)[-1] == "304" and site.statuses(TABLE)[-1] == "304"
    assert [p for p in store.history("hongze", 2024)] == [first] and store.current("hongze", 2024) == first
    # The table's picture is replaced on the site (the page is not): a new version of the report.
    picture = Image.open(io.BytesIO(site.routes[TABLE].body)).convert("RGB")
    changed = io.BytesIO()
    picture.save(changed, "PNG", optimize=True)
    site.routes[TABLE] = Route(body=changed.getvalue(), content_type="image/png")
    with HttpClient({"127.0.0.1"}, Policy(**FAST)) as client:
        third = fetch_report(link, store, client=client, agency_name=name)
    assert third.error is None and third.downloaded and third.changed
    assert site.statuses(PAGE)[-1] == "304" and site.statuses(TABLE)[-1] == "200"
    assert read_archive(third.raw.path.read_bytes()).parts[site.url(TABLE)] == changed.getvalue()
    assert [r.sha256 for r in store.history("hongze", 2024)] == [first.sha256, third.raw.sha256]
    assert [v.sha256 for v in store.versions("hongze", 2024)] == [first.sha256, third.raw.sha256]
