"""One partition per report: the publishing agency (from the catalog) × the year it covers."""

from collections.abc import Iterable

import dagster as dg

from pipeline.core.years import all_report_years, report_year_range

# The run tags that make a run cover a range of partitions, as a backfill's runs do: Dagster's
# system tags, by name (the constants naming them are not part of its public API).
RANGE_START_TAG, RANGE_END_TAG = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"

agencies = dg.DynamicPartitionsDefinition(name="agency")
report_partitions = dg.MultiPartitionsDefinition(
    {
        "agency": agencies,
        # Every year a report can cover (old-style reports from 2008 too); the nightly runs and a
        # live run without --years read report_years() only.
        "year": dg.StaticPartitionsDefinition([str(y) for y in all_report_years()]),
    }
)


def report_years() -> list[int]:
    """The years read by default (the nightly runs, a live run without --years): from the first
    national template to last year. Older years are partitions too, read when asked for."""
    partitions = {int(key) for key in report_partitions.get_partitions_def_for_dimension("year").get_partition_keys()}
    return [year for year in report_year_range() if year in partitions]


def report_of_key(key: str) -> tuple[str, int]:
    """The (agency, year) of a partition key."""
    keys = report_partitions.get_partition_key_from_str(str(key)).keys_by_dimension
    return keys["agency"], int(keys["year"])


def new_agencies(instance: dg.DagsterInstance, codes: Iterable[str]) -> dg.AddDynamicPartitionsRequest | None:
    """The request that makes the catalog's agencies ``agency`` partitions, for those that are not
    yet; None when all are. The one place agencies become partitions: the ``agency_partitions``
    sensor returns it for the daemon to apply, and ``ogi run`` (no daemon) applies it itself."""
    known = set(instance.get_dynamic_partitions(agencies.name))
    new = [code for code in codes if code not in known]
    return agencies.build_add_request(new) if new else None


def partition_range_tags(first: str, last: str) -> dict[str, str]:
    """The tags of a run over the partitions from ``first`` to ``last`` (as a backfill sets them)."""
    return {RANGE_START_TAG: first, RANGE_END_TAG: last}
