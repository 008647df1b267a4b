"""``python -m bench.launcher [--ref REF] [--rounds N]``: what launching costs, ``ogi run`` against itself
at an earlier commit.

``ogi run`` on the bundled sample (7 reports, a throwaway Dagster instance, 2 jobs) from this
checkout and from ``REF`` (exported with ``git archive``, run with this environment's packages
through ``PYTHONPATH``), interleaved, each into an empty data folder. Prints the wall seconds and the
CPU seconds of the whole process tree (the command, its code server, launches, daemon and run
workers), each as medians and as a ratio to the baseline measured in the same run, so a loaded
machine slows both alike.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.core.settings import PROJECT_DIR

REPORTS = 7  # the bundled sample


def _run(tree: Path, data: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree) of one ``ogi run`` from ``tree``."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", "--data-dir", str(data)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    wall, after = time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or done.stdout.count(": extracted (") != REPORTS:
        raise SystemExit(f"ogi run from {tree} failed:\n{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="c91967d", help="the baseline commit (default: the launcher on private APIs)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "OGI_RUN_LOCK", "PYTHONPATH")}
    with tempfile.TemporaryDirectory(prefix="ogi-bench-launcher-") as scratch:
        baseline = Path(scratch) / "baseline"
        baseline.mkdir()
        archive = subprocess.run(["git", "archive", args.ref], cwd=PROJECT_DIR, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(baseline)], input=archive.stdout, check=True)
        trees = {"baseline": (baseline, {**env, "PYTHONPATH": str(baseline)}), "this": (PROJECT_DIR, env)}
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, (tree, tree_env) in trees.items():
                data = Path(scratch) / f"data-{name}"
                shutil.rmtree(data, ignore_errors=True)
                figures[name].append(_run(tree, data, tree_env))
    print(
        f"# ogi run, bundled sample ({REPORTS} reports), this checkout vs {args.ref}, {args.rounds} rounds interleaved"
    )
    for index, label in ((0, "wall"), (1, "cpu")):
        base = statistics.median(f[index] for f in figures["baseline"])
        this = statistics.median(f[index] for f in figures["this"])
        print(f"launcher_{label}_seconds_baseline: {base:.1f}")
        print(f"launcher_{label}_seconds: {this:.1f}")
        print(f"launcher_{label}_vs_baseline: {this / base:.2f}")


if __name__ == "__main__":
    main()
