"""The code location ``ogi run`` serves for its own runs: the project's definitions (assets, checks,
jobs, resources, executor) without its schedules and sensors.

Where no Dagster daemon is running, ``ogi run`` starts the real one (``dagster-daemon run``) for the
length of the command, so that its queued runs are dequeued within the instance's limits. A daemon
also ticks the schedules and sensors of the code locations it sees: on the full definitions it would
start the ``warehouse_automation`` sensor's warehouse run next to the one ``ogi run`` launches
itself, or the night's reports. Served from this module, the daemon sees the same jobs and launches
the same runs, and nothing else. Runs created here name the project's code location
(``--location-name``), so a daemon on the full definitions launches them just as well.
"""

import dagster as dg

import pipeline.definitions


def without_schedules_and_sensors(full: dg.Definitions) -> dg.Definitions:
    """The same assets, checks, jobs, resources, executor and loggers; no schedules, and no sensor
    that runs: the assets' automation conditions are evaluated by a sensor of their own, stopped
    (without it Dagster would add a running one, and the daemon would start warehouse runs)."""
    return dg.Definitions(
        assets=full.assets,
        asset_checks=full.asset_checks,
        jobs=full.jobs,
        sensors=[
            dg.AutomationConditionSensorDefinition(
                "automation_off_for_ogi_run",
                target=dg.AssetSelection.all(),
                default_status=dg.DefaultSensorStatus.STOPPED,
                description="Stopped: ogi run launches the warehouse itself.",
            )
        ],
        resources=full.resources,
        executor=full.executor,
        loggers=full.loggers,
    )


defs = without_schedules_and_sensors(pipeline.definitions.defs)
