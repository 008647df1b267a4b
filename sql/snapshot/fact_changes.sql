-- The facts added, changed (value or printed text) and removed between two snapshots ($old_* and
-- $new_*: a fact table's files, '<table>/**/*.parquet'), each read by the macro snapshot_facts.
WITH old AS (
    FROM snapshot_facts($old_request_facts, $old_review_facts, $old_proactive_facts)
), new AS (
    FROM snapshot_facts($new_request_facts, $new_review_facts, $new_proactive_facts)
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
