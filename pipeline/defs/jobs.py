"""The two jobs of a nightly run: each report (one run per partition, in parallel), then the warehouse."""

import dagster as dg

from pipeline.defs.catalog import report_catalog
from pipeline.defs.reports import raw_reports, report_facts
from pipeline.defs.snapshot import warehouse_snapshot
from pipeline.defs.warehouse import warehouse

report_job = dg.define_asset_job(
    "report_job",
    selection=dg.AssetSelection.assets(raw_reports, report_facts),
    description="Fetch (or take from the sample) one report and extract its facts when its bytes changed.",
)
warehouse_job = dg.define_asset_job(
    "warehouse_job",
    selection=dg.AssetSelection.assets(report_catalog, warehouse, warehouse_snapshot),
    description="Rebuild, check and publish the warehouse from the staged reports, then snapshot it.",
)
