"""The sensors: the catalog's agencies made partitions; the warehouse rebuilt once the report runs
are finished and some report was extracted again (declarative automation)."""

import dagster as dg

from pipeline.core.catalog import load_catalog
from pipeline.defs.partitions import new_agencies
from pipeline.defs.resources import PipelineSettings
from pipeline.defs.snapshot_asset import warehouse_snapshot
from pipeline.defs.warehouse_asset import warehouse


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def agency_partitions(
    context: dg.SensorEvaluationContext, pipeline: PipelineSettings
) -> dg.SensorResult | dg.SkipReason:
    """Make every agency of the catalog an ``agency`` partition, within a minute of its appearing
    (the nightly schedule asks only for the reports of agencies that are partitions). A catalog
    that does not load fails the tick with its one-line error."""
    catalog = load_catalog(pipeline.settings().catalog_path)
    request = new_agencies(context.instance, catalog.agencies)
    if request is None:
        return dg.SkipReason("every agency of the catalog is a partition")
    return dg.SensorResult(dynamic_partitions_requests=[request])


# Declarative automation: the warehouse and its snapshot follow the reports by their automation
# conditions (see warehouse_asset.py); this sensor evaluates them, on whenever the daemon runs.
warehouse_automation = dg.AutomationConditionSensorDefinition(
    "warehouse_automation",
    target=dg.AssetSelection.assets(warehouse, warehouse_snapshot),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=60,
    description="Rebuild the warehouse, then snapshot it, once report facts were staged and no report run is "
    "queued or under way.",
)
