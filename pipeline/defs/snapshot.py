"""Parquet snapshots of the warehouse, for people who download rather than query."""

import json
from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.defs.warehouse import warehouse
from pipeline.site import write_site
from pipeline.snapshot import write_snapshot
from pipeline.versions import code_version


@dg.asset(deps=[warehouse], output_required=False, kinds={"parquet"})
def warehouse_snapshot(
    context: dg.AssetExecutionContext, pipeline: PipelineSettings
) -> Iterator[dg.MaterializeResult]:
    """An immutable dated copy of the warehouse as Parquet: ``snapshots/<date>/<table>/year=<Y>/``
    for the fact tables, the other tables beside them, and ``manifest.json`` (row counts, sha256 of
    every file, the reports included, the code version), with the dataset page (``index.html``).
    Written only when the content changed."""
    settings = pipeline.settings()

    def page(folder: Path) -> None:
        write_site(settings.warehouse_path, folder, raw_dir=settings.raw_dir, in_snapshot=True)

    folder = write_snapshot(settings.warehouse_path, settings.snapshots_dir, code_version=code_version(), page=page)
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
