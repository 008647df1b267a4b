"""Parquet snapshots of the warehouse, for people who download rather than query."""

import json
from collections.abc import Iterator

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse import warehouse
from pipeline.runlock import run_lock
from pipeline.snapshot import write_snapshot
from pipeline.versions import code_version


@dg.asset(deps=[warehouse], output_required=False, kinds={"parquet"})
def warehouse_snapshot(
    context: dg.AssetExecutionContext, pipeline: PipelineSettings
) -> Iterator[dg.MaterializeResult]:
    """An immutable dated copy of the warehouse as Parquet: ``snapshots/<date>/<table>/year=<Y>/``
    for the fact tables, the other tables beside them, and ``manifest.json`` (row counts, sha256 of
    every file, the reports included, the code version). Written only when the content changed,
    under the data folder's run lock. A snapshot that cannot be written (a full disk, a read-only
    folder) fails this step alone: the warehouse stays published and the next run writes it."""
    settings = pipeline.settings()
    with run_lock(settings.data_dir, f"snapshot run {context.run.run_id}", wait=True, on_wait=context.log.warning):
        try:
            folder = write_snapshot(settings.warehouse_path, settings.snapshots_dir, code_version=code_version())
        except OSError as exc:
            raise dg.Failure(description=f"not written to {settings.snapshots_dir}: {exc}", allow_retries=False) from None
    if folder is None:
        context.log.info("the warehouse content equals the latest snapshot; no new snapshot")
        return
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    yield dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(folder)),
            "reports": len(manifest["reports"]),
            "rows": dg.MetadataValue.json({t: info["rows"] for t, info in manifest["tables"].items()}),
        }
    )
