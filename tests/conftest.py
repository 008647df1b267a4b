from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The ground truth the tests compare with: real reports, their published figures and the
    dataset's codes, kept in the repository (tests/fixtures/README.md says where each came from)."""
    return FIXTURES
