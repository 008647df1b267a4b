"""Resources and the executor of every job."""

import os

import dagster as dg

from pipeline.settings import Settings


class PipelineSettings(dg.ConfigurableResource):
    """Where the pipeline reads and writes; empty fields fall back to $OGI_DATA_DIR and $OGI_CATALOG."""

    data_dir: str = ""
    catalog: str = ""

    def settings(self) -> Settings:
        defaults = Settings.from_env()
        return Settings(
            data_dir=os.path.abspath(self.data_dir) if self.data_dir else defaults.data_dir,
            catalog_path=os.path.abspath(self.catalog) if self.catalog else defaults.catalog_path,
        )


class ReportSource(dg.ConfigurableResource):
    """Where raw reports come from: ``offline`` puts the catalog's bundled samples into the raw
    store; ``live`` discovers and downloads them from the publishers (``listing_urls`` and
    ``agency`` narrow discovery to given listing pages of one agency)."""

    mode: str = "offline"
    listing_urls: list[str] = []
    agency: str = ""


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={"pipeline": PipelineSettings(), "report_source": ReportSource()},
        # Steps of a run in parallel processes, one per core.
        executor=dg.multiprocess_executor.configured({"max_concurrent": os.cpu_count() or 2}),
    )
