-- The facts added, changed (value or printed text) and removed between two snapshots, read from their
-- Parquet files ($old_* and $new_*: a fact table's files, '<table>/**/*.parquet'), keyed as the
-- warehouse keys them: agency, year and the cell's row and column codes.
WITH old AS (
    SELECT 'request_facts' AS fact_table, agency, year::INTEGER AS year, outcome AS row_code,
           applicant AS column_code, value, raw, page
    FROM read_parquet($old_request_facts, hive_partitioning = true)
    UNION ALL
    SELECT 'review_facts', agency, year::INTEGER, proceeding, result, value, raw, page
    FROM read_parquet($old_review_facts, hive_partitioning = true)
    UNION ALL
    SELECT 'proactive_facts', agency, year::INTEGER, item, measure, value, raw, page
    FROM read_parquet($old_proactive_facts, hive_partitioning = true)
), new AS (
    SELECT 'request_facts' AS fact_table, agency, year::INTEGER AS year, outcome AS row_code,
           applicant AS column_code, value, raw, page
    FROM read_parquet($new_request_facts, hive_partitioning = true)
    UNION ALL
    SELECT 'review_facts', agency, year::INTEGER, proceeding, result, value, raw, page
    FROM read_parquet($new_review_facts, hive_partitioning = true)
    UNION ALL
    SELECT 'proactive_facts', agency, year::INTEGER, item, measure, value, raw, page
    FROM read_parquet($new_proactive_facts, hive_partitioning = true)
)
SELECT
    CASE WHEN o.agency IS NULL THEN 'added' WHEN n.agency IS NULL THEN 'removed' ELSE 'changed' END AS change,
    fact_table, agency, year, row_code, column_code,
    o.value AS old_value, n.value AS new_value,
    o.raw AS old_raw, n.raw AS new_raw,
    o.page AS old_page, n.page AS new_page
FROM old AS o
FULL OUTER JOIN new AS n USING (fact_table, agency, year, row_code, column_code)
WHERE o.agency IS NULL OR n.agency IS NULL
   OR o.value IS DISTINCT FROM n.value OR o.raw IS DISTINCT FROM n.raw
ORDER BY agency, year, fact_table, row_code, column_code
