"""The raw store: content-addressed files, provenance, history, nothing invalid ever stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitefixture import make_pdf

from pipeline.fetch import FetchError, InvalidPDF, RawStore
from pipeline.fetch.validate import Limits, validate_pdf, validate_report


def put(store: RawStore, data: bytes, **overrides: object):
    options = dict(
        agency="mfa",
        year=2020,
        kind="original",
        source_url="http://example.test/r.pdf",
        final_url="http://example.test/r.pdf",
        status=200,
        headers={"etag": '"abc"', "Set-Cookie": "x=1", "content-type": "application/pdf"},
    )
    options.update(overrides)
    return store.put_bytes(data, **options)  # type: ignore[arg-type]


def test_put_stores_content_addressed_with_provenance(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    data = make_pdf("one")
    report = put(store, data)
    assert report.path == tmp_path / "objects" / f"{report.sha256}.pdf"
    assert report.path.read_bytes() == data
    assert report.size == len(data)
    assert report.headers == {"ETag": '"abc"', "Content-Type": "application/pdf"}
    assert store.current("mfa", 2020) == report
    record = json.loads((tmp_path / "reports" / "mfa" / "2020.json").read_text())
    assert record["source_url"] == "http://example.test/r.pdf" and record["status"] == 200
    assert "path" not in record
    assert store.current("mfa", 2021) is None


def test_new_version_replaces_and_is_recorded_in_history(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    first = put(store, make_pdf("one"))
    assert put(store, make_pdf("one")) == first  # the same bytes from the same place: nothing to record
    again = put(store, make_pdf("one"), headers={"ETag": '"new"'})
    assert again.sha256 == first.sha256 and store.current("mfa", 2020).headers == {"ETag": '"new"'}
    second = put(store, make_pdf("two"))
    assert second.sha256 != first.sha256
    assert store.current("mfa", 2020).sha256 == second.sha256
    assert [r.sha256 for r in store.history("mfa", 2020)] == [first.sha256, second.sha256]
    assert first.path.is_file()  # old versions stay readable for the record
    assert [r.year for r in store.reports()] == [2020]


def test_every_version_is_kept_with_when_it_was_first_and_last_seen(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    first = put(store, make_pdf("one"))
    [v1] = store.versions("mfa", 2020)
    assert (v1.sha256, v1.first_seen, v1.last_seen, v1.failure) == (
        first.sha256,
        first.fetched_at,
        first.fetched_at,
        None,
    )
    assert (v1.source_url, v1.headers) == ("http://example.test/r.pdf", first.headers)
    store.seen(first, "2020-01-01T00:00:00+00:00")  # answered 304 (a time set by the test): seen again
    [again] = store.versions("mfa", 2020)
    assert (again.first_seen, again.last_seen) == (first.fetched_at, "2020-01-01T00:00:00+00:00")
    put(store, make_pdf("one"))  # the same bytes downloaded again: seen now, nothing else recorded
    [again] = store.versions("mfa", 2020)
    assert again.first_seen == first.fetched_at and again.last_seen >= first.fetched_at
    assert store.current("mfa", 2020) == first
    second = put(store, make_pdf("two"), source_url="http://example.test/r2.pdf")
    assert store.record_failure("mfa", 2020, second.sha256, "no table 三 found") is True
    assert store.record_failure("mfa", 2020, second.sha256, "no table 三 found") is False, "recorded once"
    put(store, make_pdf("one"))  # the publisher put the first file back: still one version of it
    versions = store.versions("mfa", 2020)
    assert [(v.sha256, v.source_url, v.failure) for v in versions] == [
        (first.sha256, "http://example.test/r.pdf", None),
        (second.sha256, "http://example.test/r2.pdf", "no table 三 found"),
    ]
    assert versions[0].last_seen >= versions[1].first_seen
    assert [r.sha256 for r in store.history("mfa", 2020)] == [first.sha256, second.sha256, first.sha256]


def test_a_store_from_before_versions_reads_them_from_its_history(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    first, second = put(store, make_pdf("one")), put(store, make_pdf("two"))
    (tmp_path / "reports" / "mfa" / "2020.versions.json").unlink()
    assert [(v.sha256, v.first_seen, v.last_seen) for v in store.versions("mfa", 2020)] == [
        (first.sha256, first.fetched_at, first.fetched_at),
        (second.sha256, second.fetched_at, second.fetched_at),
    ]


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"<!DOCTYPE html><html><body>error</body></html>", "not a PDF: the body is an HTML page"),
        (make_pdf("cut")[:-300], "truncated PDF"),
        (b"", "not a PDF: the body is an empty body"),
        (b"%PDF-1.4\n garbage \n%%EOF\n", "unreadable PDF"),
    ],
)
def test_invalid_bytes_never_replace_a_good_file(tmp_path: Path, data: bytes, cause: str) -> None:
    store = RawStore(tmp_path)
    good = put(store, make_pdf("good"))
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(InvalidPDF, match=cause):
        put(store, data)
    assert store.current("mfa", 2020) == good
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_caps_on_size_and_pages(tmp_path: Path) -> None:
    three_pages = make_pdf("long", pages=3)
    assert validate_pdf(three_pages) == 3
    with pytest.raises(InvalidPDF, match="page cap of 2"):
        validate_pdf(three_pages, Limits(max_pages=2))
    with pytest.raises(InvalidPDF, match="size cap of 100 bytes"):
        validate_pdf(three_pages, Limits(max_bytes=100))
    store = RawStore(tmp_path, limits=Limits(max_pages=2))
    with pytest.raises(InvalidPDF):
        put(store, three_pages)
    with pytest.raises(InvalidPDF, match="page cap of 2"):  # checked within other caps: checked again
        put(store, validate_report(three_pages))
    assert store.current("mfa", 2020) is None


def test_replica_never_replaces_an_original(tmp_path: Path) -> None:
    store = RawStore(tmp_path)
    original = put(store, make_pdf("original"))
    sample = tmp_path / "sample.pdf"
    sample.write_bytes(make_pdf("replica"))
    assert store.put_file(sample, agency="mfa", year=2020, kind="replica") == original
    replica = store.put_file(sample, agency="mfa", year=2019, kind="replica")
    assert replica.kind == "replica" and replica.source_url is None


@pytest.mark.parametrize(("agency", "year"), [("../etc", 2020), ("MFA", 2020), ("mfa", 20200), ("", 2020)])
def test_keys_from_outside_are_checked(tmp_path: Path, agency: str, year: int) -> None:
    with pytest.raises(FetchError, match="invalid"):
        put(RawStore(tmp_path), make_pdf(), agency=agency, year=year)
    assert not (tmp_path / "objects").exists()
