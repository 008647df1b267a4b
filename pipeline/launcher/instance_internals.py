"""The two things ``ogi run`` asks of a Dagster instance that Dagster 1.13 offers no public form for.

Everything else goes through public commands and APIs: runs are created and submitted with
``dagster job launch``, queued runs dequeued by ``dagster-daemon run``, statuses read with
``DagsterInstance.get_run_by_id``, the daemon's liveness asked of ``dagster-daemon liveness-check``.
These two
are methods of the public ``DagsterInstance`` class that Dagster does not mark public (no
``@public``, not in the API reference), so an upgrade may change them without notice; they are kept
here, each with a test (``tests/launcher/test_launcher_internals.py``), so a change shows up in one place.
No private Dagster module is imported.
"""

from __future__ import annotations

import dagster as dg

# A run's events, a page at a time.
PAGE = 1000


def run_events(
    instance: dg.DagsterInstance, run_id: str, cursor: str | None, of_type: set[dg.DagsterEventType]
) -> tuple[list[dg.EventLogEntry], str | None, bool]:
    """The run's events of the given types after ``cursor``: (entries, next cursor, more to read).

    Why not public: the public readers cover materializations of one asset across runs
    (``fetch_materializations``) and run status changes (``fetch_run_status_changes``) only; a
    step's failure (the cause ``ogi run`` prints) and the asset check evaluations (its summary of
    the checks) are in the run's event log, which only ``get_records_for_run`` returns. One reader
    for all of a run's events keeps the progress lines in the order the run wrote them."""
    page = instance.get_records_for_run(run_id, cursor=cursor, of_type=of_type, limit=PAGE)
    return [record.event_log_entry for record in page.records], page.cursor, page.has_more


def cancel_queued(instance: dg.DagsterInstance, run_id: str) -> bool:
    """Take a run out of the queue before it starts (Ctrl-C, or a sibling run failed to launch);
    False when it is no longer queued (it has started, or finished).

    Why not public: Dagster cancels a queued run through its run coordinator
    (``instance.run_coordinator.cancel_run``), which is not public API; the public ways are the
    web UI and its GraphQL API, which would need a web server running for the length of
    ``ogi run``. The status is read again just before: the coordinator would *terminate* a run
    that has started meanwhile, and ``ogi run`` lets started runs finish."""
    run = instance.get_run_by_id(run_id)
    if run is None or run.status != dg.DagsterRunStatus.QUEUED:
        return False
    return instance.run_coordinator.cancel_run(run_id)
