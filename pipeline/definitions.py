"""All Dagster definitions: everything under ``pipeline/defs`` (``dagster dev -m pipeline.definitions``)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

defs = dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
