"""The Dagster instance ``ogi run`` records its runs in, as a folder (a ``DAGSTER_HOME``).

The processes ``ogi run`` starts (a code server, ``dagster job launch``, at times the daemon) find
the instance the way every Dagster command does: ``$DAGSTER_HOME/dagster.yaml``. With no
``DAGSTER_HOME`` set, the runs go to a throwaway instance written into a scratch folder. Dagster is
not imported here: a run with nothing to launch must not pay for it.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

# How often the daemon looks at the queue, in seconds (Dagster's default, 5, would add up to that
# much to every step of a short ``ogi run``).
DEQUEUE_INTERVAL_SECONDS = 1


def configured_home() -> Path | None:
    """``$DAGSTER_HOME`` when it is set: the runs are recorded in that instance."""
    home = os.environ.get("DAGSTER_HOME")
    return Path(home).resolve() if home else None


def throwaway_home(folder: Path, max_concurrent_runs: int) -> Path:
    """An instance of its own in ``folder``: its runs queued, ``max_concurrent_runs`` at a time."""
    config = {
        "run_coordinator": {
            # The public name of the class (the documented ``module`` is a private package).
            "module": "dagster",
            "class": "QueuedRunCoordinator",
            "config": {
                "max_concurrent_runs": max_concurrent_runs,
                "dequeue_interval_seconds": DEQUEUE_INTERVAL_SECONDS,
            },
        },
        "telemetry": {"enabled": False},
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dagster.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return folder.resolve()
