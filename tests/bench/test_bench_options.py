"""The benchmarks' command lines: ``--help`` answers at once and a wrong option stops with one line,
before any page is printed or scanned (a sweep takes minutes to hours)."""

import subprocess
import sys

import pytest

from pipeline.core.settings import PROJECT_DIR


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("module", ["bench.scans", "bench.layouts", "bench.savedpages"])
def test_help_answers_without_running(module):
    done = _run("-m", module, "--help")
    assert done.returncode == 0
    assert "--page" in done.stdout and done.stdout.startswith(f"usage: python -m {module}")


def test_a_wrong_option_stops_in_one_line():
    done = _run("-m", "bench.scans", "--pages=bogus")
    assert done.returncode == 2
    assert "invalid choice: 'bogus'" in done.stderr.splitlines()[-1]


def test_an_unknown_page_of_the_official_template_stops_in_one_line():
    done = _run("-m", "bench.scans", "--pages=official", "--page=official-2")
    assert done.returncode == 1
    assert done.stderr.strip() == "--page=official-2: expected some of official-0,official-1,official-6"


def test_an_unknown_real_page_stops_before_anything_is_saved():
    done = _run("-m", "bench.savedpages", "--page", "nowhere")
    assert done.returncode == 1
    assert done.stderr.strip() == "--page nowhere: no real page has such a name"
