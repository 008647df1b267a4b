"""The DuckDB warehouse: staged reports in (``staging``, ``inputs``), a new file built in one
transaction, in full or from the published one (``build``), checked and published as its own file
behind the ``warehouse.duckdb`` link (``publish``); ``stage`` runs the whole step."""
