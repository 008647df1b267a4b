-- The first facts changed in a snapshot (its changes/facts.parquet, the first ?), at most ? of them.
SELECT fact_table, agency, year, row_code, column_code, old_value, new_value, old_raw, new_raw
FROM read_parquet(?)
WHERE change = 'changed'
ORDER BY agency, year, fact_table, row_code, column_code
LIMIT ?
