"""The dataset page over the long series: 平潭's old-style years (2011–2018) and its years under the
national template (2022–2025) in one requests chart, the change of definitions marked."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from truth import truth_extraction
from warehouse_support import build, query

from pipeline.extract import extract_report
from pipeline.site import write_site
from pipeline.site.charts import BREAK_LABEL
from pipeline.site.page import chart_path

OLD, NEW = range(2011, 2019), range(2022, 2026)


def test_the_requests_chart_runs_across_the_template_change(fixtures: Path, tmp_path: Path) -> None:
    extractions = {("pingtan", y): extract_report(fixtures / "realworld" / f"pingtan-{y}.html") for y in OLD}
    extractions |= {("pingtan", y): truth_extraction(fixtures / "realworld" / f"pingtan-{y}.truth.json") for y in NEW}
    warehouse = build(tmp_path, extractions)
    write_site(warehouse, tmp_path / "site", today=date(2026, 11, 29))
    svg = (tmp_path / "site" / chart_path("pingtan", "requests")).read_text(encoding="utf-8")
    labels = re.findall(r"<!-- (.*?) -->", svg)
    assert [label for label in labels if re.fullmatch(r"20\d\d", label)] == [str(y) for y in (*OLD, *NEW)]
    series = query(
        warehouse,
        "SELECT value FROM request_series WHERE agency = 'pingtan' AND measure = 'requests_received' ORDER BY year",
    )
    figures = [label for label in labels if re.fullmatch(r"[\d,]+", label) and not re.fullmatch(r"20\d\d", label)]
    assert [f"{value:,.0f}" for (value,) in series] == figures[-len(series) :]
    # One dashed line, between 2018 and 2022, named once.
    assert labels.count(BREAK_LABEL) == 1 and svg.count("stroke-dasharray") == 1
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "before the dashed line, requests received as the old statistics table counted them" in html
