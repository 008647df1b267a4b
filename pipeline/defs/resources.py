"""Resources and the executor of every job."""

import dagster as dg

from pipeline.core.settings import Settings, source_mode


class PipelineSettings(dg.ConfigurableResource):
    """Where the pipeline reads and writes; empty fields fall back to $OGI_DATA_DIR and $OGI_CATALOG."""

    data_dir: str = ""
    catalog: str = ""

    def settings(self) -> Settings:
        return Settings.from_env(data_dir=self.data_dir, catalog=self.catalog)


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
        resources={"pipeline": PipelineSettings(), "report_source": ReportSource(mode=source_mode())},
        # Each step in its own process by default; `ogi run` runs each report in a worker process
        # and asks for in-process execution there.
        executor=dg.multi_or_in_process_executor,
    )
