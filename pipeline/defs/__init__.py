"""Dagster definitions, autoloaded by ``pipeline.definitions`` (one concern per module)."""
