"""The two jobs ``ogi run`` launches: the reports (one or many partitions per run), then the
warehouse. (Nightly, the schedule launches report_job and the automation sensor the warehouse.)"""

import dagster as dg

from pipeline.defs.catalog_asset import report_catalog
from pipeline.defs.report_assets import reports
from pipeline.defs.snapshot_asset import warehouse_snapshot
from pipeline.defs.warehouse_asset import warehouse

report_job = dg.define_asset_job(
    "report_job",
    selection=dg.AssetSelection.assets(reports),
    description="Fetch (or take from the sample) the run's reports and extract the facts of those whose bytes changed.",
)
warehouse_job = dg.define_asset_job(
    "warehouse_job",
    selection=dg.AssetSelection.assets(report_catalog, warehouse, warehouse_snapshot),
    description="Rebuild, check and publish the warehouse from the staged reports, then snapshot it.",
)
