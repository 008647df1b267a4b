"""Parquet snapshots of the warehouse, for people who download rather than query."""

import json
import math
from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse_asset import warehouse
from pipeline.runs.runlock import LOCK_TAG, run_lock
from pipeline.site import write_site
from pipeline.warehouse.snapshot import write_snapshot


@dg.asset(
    deps=[warehouse],
    output_required=False,
    kinds={"parquet"},
    automation_condition=dg.AutomationCondition.eager(),  # in the same run as the warehouse it follows
)
def warehouse_snapshot(context: dg.AssetExecutionContext, pipeline: PipelineSettings) -> Iterator[dg.MaterializeResult]:
    """An immutable copy of the warehouse as Parquet, named by the UTC time it was made
    (``snapshots/2026-11-29T080512Z/``): ``<table>/year=<Y>/`` for the fact tables, the other tables
    beside them, ``snapshot.duckdb`` (the same tables with the warehouse's views and comments, one
    file that opens from any folder), ``manifest.json`` (row counts, sha256 of every file, the
    reports included, the warehouse's code version) and the dataset page (``index.html``). ``snapshots/latest`` links to it. Written only
    when the content changed, under the data folder's run lock. A snapshot that cannot be written (a
    full disk, a read-only folder) fails this step alone: the warehouse stays published and the
    next run writes it."""
    settings = pipeline.settings()

    def page(folder: Path) -> None:
        write_site(settings.warehouse_path, folder, raw_dir=settings.raw_dir, in_snapshot=True, snapshot=folder)

    with run_lock(
        settings.data_dir,
        f"snapshot run {context.run.run_id}",
        wait=math.inf,
        on_wait=context.log.warning,
        token=context.run.tags.get(LOCK_TAG),
    ):
        try:
            folder = write_snapshot(settings.warehouse_path, settings.snapshots_dir, page=page)
        except OSError as exc:
            raise dg.Failure(
                description=f"not written to {settings.snapshots_dir}: {exc}", allow_retries=False
            ) from None
    if folder is None:
        context.log.info("the warehouse content equals the latest snapshot; no new snapshot")
        return
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    yield dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(folder)),
            "reports": len(manifest["reports"]),
            "rows": dg.MetadataValue.json({t: info["rows"] for t, info in manifest["tables"].items()}),
            "previous": (manifest["previous"] or {}).get("snapshot", ""),
            "changes": dg.MetadataValue.json({k: manifest["changes"][k] for k in ("facts", "reports")}),
        }
    )
