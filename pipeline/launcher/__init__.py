"""``ogi run``: the pipeline driven through the Dagster instance."""
