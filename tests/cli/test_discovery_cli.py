"""``ogi discover`` against a local imitation of the publisher's site."""

from __future__ import annotations

import pytest
from sitefixture import LISTING, Site, make_pdf, publish, site  # noqa: F401 (site is a fixture)

from pipeline.cli import main

FAST = ["--delay", "0", "--timeout", "1", "--retries", "0"]


def test_discover_lists_year_title_and_pdf(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    posted = publish(site, {2019: make_pdf("19"), 2020: make_pdf("20"), 2021: None})
    assert main(["discover", "--listing-url", site.url(LISTING), "--agency", "mfa", *FAST]) == 0
    lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    by_year = {p.year: p for p in posted}
    assert [int(line[1]) for line in lines] == [2019, 2020, 2021]
    for agency, year, title, where in lines:
        report = by_year[int(year)]
        assert (agency, title) == ("mfa", report.title)
        assert where == (
            site.url(report.pdf)
            if report.pdf
            else f"- (no PDF attachment and no tables: the page is not a report ({site.url(report.page)}))"
        )


def test_discover_network_failure_is_one_line_and_exit_2(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["discover", "--listing-url", site.url("/gone/"), "--agency", "mfa", *FAST])
    err = capsys.readouterr().err
    assert code == 2 and err == f"ogi: error: mfa: cannot read the listing page: HTTP 404 from {site.url('/gone/')}\n"


def test_discover_refuses_a_host_no_agency_serves(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["discover", "--listing-url", "http://127.0.0.1:9/list/", *FAST]) == 2
    assert "no catalog agency serves 127.0.0.1; name one with --agency" in capsys.readouterr().err
    assert main(["discover", "--listing-url", "http://127.0.0.1:9/list/", "--agency", "nope", *FAST]) == 2
    assert "unknown agency 'nope'" in capsys.readouterr().err
