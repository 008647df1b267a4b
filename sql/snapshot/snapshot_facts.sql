-- The facts of one snapshot, read from its Parquet files (a fact table's files,
-- '<table>/**/*.parquet'), keyed as the warehouse keys them: agency, year and the cell's row and
-- column codes. fact_changes reads the old and the new snapshot through it.
CREATE TEMP MACRO snapshot_facts(request_facts, review_facts, proactive_facts) AS TABLE
SELECT 'request_facts' AS fact_table, agency, year::INTEGER AS year, outcome AS row_code,
       applicant AS column_code, value, raw, page
FROM read_parquet(request_facts, hive_partitioning = true)
UNION ALL
SELECT 'review_facts', agency, year::INTEGER, proceeding, result, value, raw, page
FROM read_parquet(review_facts, hive_partitioning = true)
UNION ALL
SELECT 'proactive_facts', agency, year::INTEGER, item, measure, value, raw, page
FROM read_parquet(proactive_facts, hive_partitioning = true)
