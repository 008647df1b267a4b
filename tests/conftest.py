from __future__ import annotations

from pathlib import Path

import pytest
from doc_examples import bundled_run

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The ground truth the tests compare with: real reports, their published figures and the
    dataset's codes, kept in the repository (tests/fixtures/README.md says where each came from)."""
    return FIXTURES


@pytest.fixture(scope="session", autouse=True)
def catalog_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The validated-catalog cache of this test session (and of the commands it starts), not the
    user's: tests neither read what an earlier run left there nor leave anything behind."""
    import os

    folder = tmp_path_factory.mktemp("catalog-cache")
    os.environ["OGI_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The data folder of ``ogi run`` on the bundled sample (a fresh folder, as ``make run`` fills
    it), and what the run printed: one run for every test that reads it."""
    return bundled_run(tmp_path_factory.mktemp("bundled"))
