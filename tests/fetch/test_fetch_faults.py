"""Fetching against a real local HTTP server: every fault leaves the store as it was.

The client runs with a 0.5 s timeout and 10 ms backoff, so each test is bounded to a few seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitefixture import FAST, Route, Site, make_pdf, serve, site  # noqa: F401 (site is a fixture)

from pipeline.fetch import FetchError, HttpClient, Policy, RawStore, ReportLink, fetch_report
from pipeline.fetch.validate import Limits

PDF = "/zfxxgknb/202101/P020210129.pdf"


def link(site: Site, pdf: str | None = PDF) -> ReportLink:
    return ReportLink(
        "mfa",
        2020,
        "外交部2020年政府信息公开工作年度报告",
        site.url("/zfxxgknb/202101/t1.shtml"),
        pdf and site.url(pdf),
    )


def client(**policy: object) -> HttpClient:
    return HttpClient({"127.0.0.1"}, Policy(**(FAST | policy)))  # type: ignore[arg-type]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def stored(site: Site, tmp_path: Path) -> RawStore:
    """A store that already holds a good 2020 report downloaded from the site."""
    store = RawStore(tmp_path / "raw")
    site.pdf(PDF, make_pdf("good"))
    with client() as http:
        outcome = fetch_report(link(site), store, client=http)
    assert outcome.error is None and outcome.changed
    site.log.clear()
    return store


def test_download_records_provenance(site: Site, tmp_path: Path) -> None:
    data = make_pdf("first")
    site.pdf(PDF, data)
    store = RawStore(tmp_path)
    with client() as http:
        outcome = fetch_report(link(site), store, client=http)
    assert (outcome.state, outcome.downloaded, outcome.error) == ("downloaded", True, None)
    raw = store.current("mfa", 2020)
    assert raw == outcome.raw and raw.path.read_bytes() == data and raw.kind == "original"
    assert raw.source_url == raw.final_url == site.url(PDF) and raw.status == 200
    assert set(raw.headers) == {"ETag", "Last-Modified", "Content-Type", "Content-Length"}


def test_unchanged_file_is_not_downloaded_again(site: Site, stored: RawStore) -> None:
    before = snapshot(stored.root)
    with client() as http:
        outcome = fetch_report(link(site), stored, client=http)
    assert (outcome.state, outcome.downloaded, outcome.changed) == ("unchanged", False, False)
    assert site.statuses(PDF) == ["304"] and site.requests(PDF)[0][2]["if-none-match"]
    after = snapshot(stored.root)
    # Seeing the file again only moves its version's last_seen (which may cross a second).
    versions = "reports/mfa/2020.versions.json"
    old, new = (json.loads(s[versions])[0] for s in (before, after))
    assert new.pop("last_seen") >= old.pop("last_seen") and new == old
    assert {k: v for k, v in after.items() if k != versions} == {k: v for k, v in before.items() if k != versions}


def test_changed_file_becomes_a_new_version(site: Site, stored: RawStore) -> None:
    old = stored.current("mfa", 2020)
    site.pdf(PDF, make_pdf("corrected"))
    with client() as http:
        outcome = fetch_report(link(site), stored, client=http)
    assert (outcome.state, outcome.changed) == ("downloaded", True)
    assert outcome.raw.sha256 != old.sha256 and stored.current("mfa", 2020) == outcome.raw
    assert [r.sha256 for r in stored.history("mfa", 2020)] == [old.sha256, outcome.raw.sha256]


def test_server_error_then_success_is_retried(site: Site, tmp_path: Path) -> None:
    site.pdf(PDF, make_pdf("busy"), fail_first=2)
    with client(retries=2) as http:
        outcome = fetch_report(link(site), RawStore(tmp_path), client=http)
    assert outcome.error is None and site.statuses(PDF) == ["500", "500", "200"]


def test_too_many_requests_is_retried_after_the_wait_asked(site: Site, tmp_path: Path) -> None:
    site.pdf(PDF, make_pdf("busy"), fail_first=1, fail_status=429, retry_after="1")
    with client(retries=1) as http:  # backoff 10 ms, but the site asked for 1 s
        outcome = fetch_report(link(site), RawStore(tmp_path), client=http)
    assert outcome.error is None and site.statuses(PDF) == ["429", "200"]
    first, second = (float(entry["at"]) for _, _, entry in site.requests(PDF))
    assert second - first >= 0.95


def expect_failure(site: Site, store: RawStore, cause: str, pdf: str | None = PDF, **policy: object) -> str:
    """Fetch, and check the failure is reported and nothing in the store changed."""
    before = snapshot(store.root)
    good = store.current("mfa", 2020)
    with client(**policy) as http:
        outcome = fetch_report(link(site, pdf), store, client=http)
    assert outcome.state == "failed" and not outcome.downloaded and outcome.raw == good
    assert outcome.error.startswith("mfa 2020: ")
    assert cause in outcome.error, outcome.error
    assert snapshot(store.root) == before
    return outcome.error


def test_server_errors_beyond_the_retries(site: Site, stored: RawStore) -> None:
    site.routes[PDF].fail_first = 10
    expect_failure(site, stored, f"HTTP 500 from {site.url(PDF)} (3 attempts)")


def test_timeout_is_retried_then_reported(site: Site, stored: RawStore) -> None:
    route = site.routes[PDF]
    route.body, route.delay, route.delay_first = make_pdf("slow"), 1.5, 1
    route.hits = 0
    with client(timeout=0.3, retries=1) as http:
        outcome = fetch_report(link(site), stored, client=http)
    assert outcome.error is None and outcome.changed and len(site.requests(PDF)) == 2
    route.hits, route.delay_first = 0, 5
    expect_failure(site, stored, "timed out after 0.3 s", timeout=0.3, retries=1)


def test_a_server_that_trickles_is_not_waited_on_forever(site: Site, stored: RawStore) -> None:
    site.pdf(PDF, make_pdf("slow"), drip=0.05)  # each piece well within the timeout, the whole not
    expect_failure(site, stored, "took longer than 0.3 s; download aborted", deadline=0.3)


def test_missing_file(site: Site, stored: RawStore) -> None:
    del site.routes[PDF]
    expect_failure(site, stored, f"HTTP 404 from {site.url(PDF)}")
    assert site.statuses(PDF) == ["404"]  # a 4xx is not retried


def test_html_error_page_served_as_the_pdf(site: Site, stored: RawStore) -> None:
    site.html(PDF, "<!DOCTYPE html><html><body>系统繁忙，请稍后再试</body></html>")
    expect_failure(site, stored, "not a PDF: the body is an HTML page")


def test_truncated_pdf(site: Site, stored: RawStore) -> None:
    site.pdf(PDF, make_pdf("whole", pages=3)[:-400])
    expect_failure(site, stored, "truncated PDF: no %%EOF trailer")


def test_connection_cut_before_the_end(site: Site, stored: RawStore) -> None:
    data = make_pdf("cut")
    site.pdf(PDF, data[:500], announce_length=len(data))
    expect_failure(site, stored, "connection failed")


def test_redirect_to_another_host_is_refused(site: Site, stored: RawStore) -> None:
    other = site.url("/elsewhere.pdf").replace("127.0.0.1", "localhost")
    site.routes[PDF] = site.routes[PDF].__class__(location=other)
    site.pdf("/elsewhere.pdf", make_pdf("elsewhere"))
    error = expect_failure(
        site, stored, f"redirect from {site.url(PDF)} to {other} refused: host localhost is not listed"
    )
    assert "elsewhere" not in "".join(p for _, p, _ in site.log) and error


def test_redirect_on_the_same_host_is_followed(site: Site, tmp_path: Path) -> None:
    site.routes[PDF] = Route(location="/moved/report.pdf")
    site.pdf("/moved/report.pdf", make_pdf("moved"))
    with client() as http:
        outcome = fetch_report(link(site), RawStore(tmp_path), client=http)
    assert outcome.error is None and outcome.raw.final_url == site.url("/moved/report.pdf")
    assert outcome.raw.source_url == site.url(PDF)


def test_size_and_page_caps(site: Site, stored: RawStore) -> None:
    site.pdf(PDF, make_pdf("big", pages=4))
    expect_failure(site, RawStore(stored.root, limits=Limits(max_pages=3)), "4 pages exceeds the page cap of 3")
    expect_failure(site, RawStore(stored.root, limits=Limits(max_bytes=600)), "bytes, over the cap of 600")
    site.routes[PDF].send_length = False  # the cap also holds while streaming a body of unknown length
    expect_failure(site, RawStore(stored.root, limits=Limits(max_bytes=600)), "sent more than the cap of 600 bytes")


def test_report_page_without_pdf(site: Site, stored: RawStore) -> None:
    site.html(
        "/zfxxgknb/202101/t1.shtml",
        "<html><body><h1>外交部2020年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>",
    )
    expect_failure(site, stored, "no PDF attachment and no tables: the page is not a report", pdf=None)
    # a link whose attachment is found on the page at fetch time
    site.html("/zfxxgknb/202101/t1.shtml", "<a href='./P020210129.pdf'>附件</a>")
    with client() as http:
        outcome = fetch_report(link(site, pdf=None), stored, client=http)
    assert outcome.state == "unchanged"


def test_listing_on_another_host_is_refused_without_a_request(tmp_path: Path) -> None:
    for other in serve("127.0.0.1"):
        with (
            HttpClient({"www.mfa.gov.cn"}, Policy(**FAST)) as http,
            pytest.raises(FetchError, match="host 127.0.0.1 is not listed"),
        ):
            http.page(other.url("/"))
        assert other.log == []


def test_requests_to_one_host_are_spaced_and_identified(site: Site) -> None:
    # Spacing is measured where the site receives the requests, so allow some delivery jitter.
    site.html("/a", "<p>a</p>")
    with client(min_interval=0.3) as http:
        for _ in range(3):
            http.page(site.url("/a"))
    times = [float(entry["at"]) for _, _, entry in site.log]
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:]))
    assert {entry["user-agent"] for _, _, entry in site.log} == {Policy().user_agent}
    assert Policy().user_agent.startswith("ogi-reports/0.")


def test_the_interval_holds_across_clients_sharing_a_pace_folder(site: Site, tmp_path: Path) -> None:
    site.html("/a", "<p>a</p>")
    for _ in range(3):  # three processes' clients in turn, each making one request
        with HttpClient({"127.0.0.1"}, Policy(**(FAST | {"min_interval": 0.3})), pace_dir=tmp_path) as http:
            http.page(site.url("/a"))
    times = [float(entry["at"]) for _, _, entry in site.log]
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:]))
    assert [p.name for p in tmp_path.iterdir()] == ["127.0.0.1.pace"]


def test_a_refused_document_is_refused_again_without_downloading_it(site: Site, tmp_path: Path, fixtures) -> None:
    """Another year's report under this year's link: refused once after downloading it, then, while
    the publisher answers 304 to its validators, refused again without a download; a changed
    document is downloaded and judged again."""
    site.pdf(PDF, (fixtures / "realworld" / "hongze-2023.pdf").read_bytes())
    store = RawStore(tmp_path / "raw")
    report = ReportLink("huaian-hongze", 2024, "2024年报告", site.url("/t.shtml"), site.url(PDF))
    refusal = "refused: listed as the report on 2024, but the document is the report on 2023"
    with client() as http:
        first = fetch_report(report, store, client=http)
        again = fetch_report(report, store, client=http)
    assert first.error is not None and first.error.startswith(f"huaian-hongze 2024: {refusal}")
    assert again.error == f"{first.error} (unchanged since it was refused: not downloaded again)"
    assert site.statuses(PDF) == ["200", "304"]
    assert site.requests(PDF)[1][2]["if-none-match"], "the second request is conditional"
    assert store.current("huaian-hongze", 2024) is None
    # The publisher replaces it with the right year's report: downloaded, accepted, the refusal forgotten.
    site.pdf(PDF, (fixtures / "realworld" / "hongze-2024.pdf").read_bytes())
    with client() as http:
        fixed = fetch_report(report, store, client=http)
        unchanged = fetch_report(report, store, client=http)
    assert fixed.error is None and fixed.downloaded
    assert unchanged.error is None and not unchanged.downloaded
    assert site.statuses(PDF)[2:] == ["200", "304"]


def test_a_form_post_keeps_the_client_s_rules(site: Site) -> None:
    """A POST (a listing built from a form) is paced and identified like a GET, capped in size,
    refused off the allowed hosts; a 303 is followed with a GET and a 307 posts the form again."""
    answers = {"/list": Route(body=b'{"total": 0}', content_type="application/json")}
    site.forms["/list"] = lambda form: answers["/list"]
    site.forms["/see-other"] = lambda form: Route(location="/list-page", status=303)
    site.forms["/temporary"] = lambda form: Route(location="/list", status=307)
    site.html("/list-page", "<p>list</p>")
    form = {"channelId": "c1", "page": "1"}
    with client(min_interval=0.3) as http:
        first = http.post(site.url("/list"), form, max_bytes=1000)
        http.post(site.url("/list"), form, max_bytes=1000)
        assert first.status == 200 and first.body == b'{"total": 0}'
        assert http.post(site.url("/see-other"), form, max_bytes=1000).final_url == site.url("/list-page")
        assert http.post(site.url("/temporary"), form, max_bytes=1000).final_url == site.url("/list")
        with pytest.raises(FetchError, match="over the cap of 5"):
            http.post(site.url("/list"), form, max_bytes=5)
        with pytest.raises(FetchError, match="host localhost is not listed"):
            http.post(site.url("/list").replace("127.0.0.1", "localhost"), form, max_bytes=1000)
    assert [(method, path) for method, path, _ in site.log] == [
        ("POST", "/list"),
        ("POST", "/list"),
        ("POST", "/see-other"),
        ("GET", "/list-page"),
        ("POST", "/temporary"),
        ("POST", "/list"),
        ("POST", "/list"),
    ]
    posts = [entry for method, _, entry in site.log if method == "POST"]
    assert {entry["form"] for entry in posts} == {"channelId=c1&page=1"}
    times = [float(entry["at"]) for _, _, entry in site.log]
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:]))
    assert {entry["user-agent"] for _, _, entry in site.log} == {Policy().user_agent}
