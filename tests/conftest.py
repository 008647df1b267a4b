from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ground truth beside the project; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"ground truth folder {SHARED} is absent")
    return SHARED
