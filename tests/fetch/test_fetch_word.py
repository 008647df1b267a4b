"""A Word file fetched from a site is told once: its package is read to say what it is and checked
within the caps in one pass, and that answer is what its title is read as and what it is stored as."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitefixture import LISTING, Route, Site, site  # noqa: F401 (site is a fixture)

import pipeline.extract.wordfile as wordfile
from pipeline.fetch import RawStore, ReportLink, fetch_report
from pipeline.replica.synthetic import generate
from pipeline.replica.worddoc import render_docx

AGENCY = "外交部"


def test_a_fetched_word_file_is_told_once(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = generate(6, "2021")
    report.agency, report.year = AGENCY, 2021
    data = render_docx(report, 6).data
    site.routes[LISTING + "r.docx"] = Route(body=data, content_type="application/octet-stream")
    told: list[int] = []  # each reading of a zip's package parts to tell what it is
    zip_format = wordfile._zip_format
    monkeypatch.setattr(wordfile, "_zip_format", lambda *args: told.append(1) or zip_format(*args))
    url = site.url(LISTING + "r.docx")

    outcome = fetch_report(ReportLink("mfa", 2021, "t", url, url), RawStore(tmp_path), agency_name=AGENCY)

    assert outcome.error is None and outcome.raw is not None
    assert outcome.raw.format == "docx" and outcome.raw.path.read_bytes() == data
    assert len(told) == 1
