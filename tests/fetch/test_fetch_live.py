"""A live run's discovery is made once and reused by each report's run, unless it is stale."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sitefixture import FAST, LISTING, Site, department, make_pdf, publish, site  # noqa: F401 (site is a fixture)

from pipeline.fetch import FetchError, Policy, RawStore
from pipeline.fetch.live import discover, discover_all, fetch_live, load_discovery

MFA = department("https://www.mfa.gov.cn/zfxxgknb/")


def listing_reads(site: Site) -> int:
    return sum(1 for _, path, _ in site.log if path == LISTING)


def test_report_runs_reuse_a_fresh_discovery(site: Site, tmp_path: Path) -> None:
    posted = publish(site, {2020: make_pdf("20"), 2021: make_pdf("21")})
    store = RawStore(tmp_path)
    listing = [site.url(LISTING)]
    found = discover(store, department(listing[0]), Policy(**FAST))
    assert load_discovery(store, "mfa") == found and found.hosts == ("127.0.0.1",)
    for year in (2020, 2021):
        outcome = fetch_live(store, MFA, year, listing)
        assert outcome is not None and outcome.state == "downloaded"
    assert listing_reads(site) == 1  # both report runs used the kept discovery
    assert fetch_live(store, MFA, 2019, listing) is None  # not listed on the site
    assert {p.pdf for p in posted} == {path for _, path, entry in site.log if path.endswith(".pdf")}


def test_a_stale_or_different_discovery_is_made_again(site: Site, tmp_path: Path) -> None:
    publish(site, {2020: make_pdf("20")})
    store = RawStore(tmp_path)
    listing = [site.url(LISTING)]
    discover(store, department(listing[0]), Policy(**FAST))
    kept = tmp_path / "links" / "mfa.json"
    record = json.loads(kept.read_text())
    record["discovered_at"] = (datetime.now(UTC) - timedelta(hours=7)).isoformat(timespec="seconds")
    kept.write_text(json.dumps(record))
    assert fetch_live(store, MFA, 2020, listing).state == "downloaded"
    assert listing_reads(site) == 2 and load_discovery(store, "mfa").discovered_at != record["discovered_at"]
    other = site.url(LISTING + "index.shtml").replace("127.0.0.1", "localhost")
    outcome = fetch_live(store, MFA, 2020, [other])  # another listing address: its own discovery
    assert load_discovery(store, "mfa").listing_urls == (other,) and listing_reads(site) == 2
    assert outcome.state == "unchanged" and outcome.raw.final_url.startswith("http://localhost:")


def test_a_discovery_made_with_another_form_is_made_again(site: Site, tmp_path: Path) -> None:
    """A listing read by posting a form: a kept discovery made with other form fields is not reused."""
    publish(site, {2020: make_pdf("20")})
    store = RawStore(tmp_path)
    listing = [site.url(LISTING)]
    discover(store, department(listing[0]), Policy(**FAST))
    kept = tmp_path / "links" / "mfa.json"
    record = json.loads(kept.read_text())
    assert record["forms"] == ""
    record["forms"] = json.dumps({listing[0]: {"method": "POST", "form": {"page": "1"}}})
    kept.write_text(json.dumps(record))
    assert fetch_live(store, MFA, 2020, listing).state == "downloaded"
    assert listing_reads(site) == 2 and load_discovery(store, "mfa").forms == ""


def test_an_unreadable_listing_is_reported_and_the_other_agencies_go_on(site: Site, tmp_path: Path) -> None:
    publish(site, {2020: make_pdf("20")})
    good = department(site.url(LISTING))
    bad = department(site.url("/gone/"), "other", "某部", "Other")
    lines: list[str] = []
    found, unread = discover_all(RawStore(tmp_path), [bad, good], Policy(**FAST), lines.append)
    assert [d.agency for d in found] == ["mfa"] and [link.year for link in found[0].links] == [2020]
    assert unread == [f"other: cannot read the listing page: HTTP 404 from {site.url('/gone/')}"]
    assert lines[0] == "  ! " + unread[0] and lines[1].startswith("  ? mfa 2020: discovered")
    with pytest.raises(FetchError, match="^other: cannot read the listing page: HTTP 404"):
        discover_all(RawStore(tmp_path), [bad], Policy(**FAST), lines.append)
