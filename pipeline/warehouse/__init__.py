"""The DuckDB warehouse: staged reports in (``staging``), a new file built in one transaction
(``build``), checked, then published by an atomic rename (``publish``)."""
