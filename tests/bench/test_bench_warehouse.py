"""The warehouse benchmark stages its synthetic reports as the pipeline stages them now, so the
warehouse stage it times builds them (it once stopped ``make bench`` on a staged column missing)."""

from __future__ import annotations

import yaml

from bench.warehouse import stage, stage_synthetic
from pipeline.replica.staged_facts import content_extraction
from pipeline.replica.synthetic import generate
from pipeline.warehouse.staging import facts_table


def test_the_staged_synthetic_reports_build_a_warehouse(tmp_path, capsys):
    samples = {}
    for template in ("2019", "2021"):
        extraction = content_extraction(generate(0, template))
        meta = {"template": template, "pages": extraction.pages, "table_pages": extraction.table_pages}
        samples[template] = (facts_table(extraction), meta)
    data = tmp_path / "data"
    for n, year in enumerate((2020, 2024)):
        stage_synthetic(data / "staging", "bench-000000", year, 100 + n, samples)
    catalog = tmp_path / "catalog.yaml"
    agency = {"code": "bench-000000", "name_zh": "示范市第0局", "name_en": "Sample bureau 0", "level": "central"}
    agency |= {"kind": "department", "parent": "国务院", "listing_urls": ["https://example.org/0/"]}
    catalog.write_text(yaml.safe_dump({"agencies": [agency], "samples": []}, allow_unicode=True), encoding="utf-8")
    stage(data, catalog, full=False)
    assert capsys.readouterr().out.split()[2:4] == ["2", "reports"]
