-- The reports added, revised and removed in a snapshot (its changes/reports.parquet, bound as ?).
SELECT change, agency, year, facts_added, facts_changed, facts_removed
FROM read_parquet(?)
ORDER BY agency, year
