"""Several reports per run: how reports are grouped into partition ranges, and a run over a range
that holds a broken report (the others are staged and materialised; the failure names it)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from pipeline_support import environment, write_catalog

from pipeline.core.catalog import partition_key
from pipeline.runs.batches import batches

ORDER = ["a", "b", "c", "d"]


def covered(batch) -> set[tuple[str, int]]:
    """The partitions a batch's range covers: its agencies × its years."""
    return {(agency, year) for agency in batch.agencies for year in range(batch.first_year, batch.last_year + 1)}


def test_every_report_is_in_exactly_one_batch_and_its_range() -> None:
    wanted = [(a, y) for a in ORDER for y in range(2019, 2026)] + [("a", 2018)]
    planned = batches(wanted, ORDER, runs=2, per_run=100)
    assert len(planned) == 2
    assert sorted(r for b in planned for r in b.reports) == sorted(wanted)
    for batch in planned:
        assert set(batch.reports) <= covered(batch)
        assert ORDER.index(batch.agencies[-1]) - ORDER.index(batch.agencies[0]) == len(batch.agencies) - 1


def test_batches_stay_under_the_cap_and_split_a_large_agency_by_years() -> None:
    wanted = [("a", y) for y in range(2000, 2025)] + [("b", 2020)]
    planned = batches(wanted, ORDER, runs=1, per_run=10)
    assert all(len(b.reports) <= 10 for b in planned)
    assert [b.agencies for b in planned] == [("a",), ("a",), ("a", "b")]
    assert (planned[0].first, planned[0].last) == ("a|2000", "a|2009")
    assert sorted(r for b in planned for r in b.reports) == sorted(wanted)


def test_a_range_never_takes_in_an_agency_that_is_not_wanted() -> None:
    planned = batches([("a", 2020), ("c", 2020)], ORDER, runs=1, per_run=100)
    assert [b.agencies for b in planned] == [("a",), ("c",)], "a range a..c would run b too"


def test_one_broken_report_in_a_batch_fails_alone(fixtures: Path, tmp_path: Path) -> None:
    from pipeline.definitions import defs

    broken = tmp_path / "hongze-2024.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)  # a truncated download
    catalog = write_catalog(tmp_path / "catalog.yaml", fixtures, {("huaian-hongze", 2024): broken})
    with environment(tmp_path / "data", catalog), dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("agency", ["huaian-hongze"])
        result = defs.resolve_job_def("report_job").execute_in_process(
            instance=instance,
            raise_on_error=False,
            tags={
                "dagster/asset_partition_range_start": partition_key("huaian-hongze", 2019),
                "dagster/asset_partition_range_end": partition_key("huaian-hongze", 2024),
            },
        )
        assert not result.success
        # What the instance recorded (a failed step's result leaves its logged events out).
        records = instance.get_records_for_run(result.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
        facts = [
            r.event_log_entry.dagster_event.partition
            for r in records
            if r.event_log_entry.dagster_event.asset_key == dg.AssetKey("report_facts")
        ]
        assert facts == ["huaian-hongze|2023"]
        (failure,) = [e for e in result.all_events if e.is_step_failure]
        failed = failure.step_failure_data.user_failure_data.metadata["failed"].value
        assert list(failed) == ["huaian-hongze|2024"] and failed["huaian-hongze|2024"].startswith(
            "huaian-hongze 2024: "
        )
        assert (tmp_path / "data" / "staging" / "huaian-hongze" / "2023.json").is_file()
        assert not (tmp_path / "data" / "staging" / "huaian-hongze" / "2024.json").exists()
