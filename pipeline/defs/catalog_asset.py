"""The catalog of reports."""

from pathlib import Path

import dagster as dg

from pipeline.core.catalog import Catalog, CatalogError, load_catalog
from pipeline.defs.partitions import register_agencies
from pipeline.defs.resources import PipelineSettings


def catalog_or_failure(path: Path) -> Catalog:
    """The catalog, or a step failure whose description is the one-line catalog error."""
    try:
        return load_catalog(path)
    except CatalogError as exc:
        raise dg.Failure(description=str(exc), allow_retries=False) from None


@dg.asset(kinds={"yaml"})
def report_catalog(context: dg.AssetExecutionContext, pipeline: PipelineSettings) -> dg.MaterializeResult:
    """The publishers the dataset covers (code, Chinese and English name, listing pages) and the
    bundled offline sample of report files; each agency becomes an ``agency`` partition."""
    catalog = catalog_or_failure(pipeline.settings().catalog_path)
    register_agencies(context.instance, list(catalog.agencies))
    rows = "\n".join(f"| {a.code} | {a.name_zh} | {a.name_en} |" for a in catalog.agencies.values())
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(catalog.path)),
            "agencies": len(catalog.agencies),
            "samples": [s.key for s in catalog.samples],
            "preview": dg.MetadataValue.md("| code | name | English name |\n|---|---|---|\n" + rows),
        }
    )
