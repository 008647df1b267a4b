-- Table 三: (七)总计 = the sum of the outcome rows (一)…(六), in every applicant column.
-- The sub-rows of (六)其他处理 are part of that row, so they are not added again.
WITH sides AS (
    SELECT f.agency, f.year, f.applicant,
           sum(coalesce(f.value, 0)) FILTER (WHERE f.outcome = 'total_processed') AS published,
           sum(coalesce(f.value, 0)) FILTER (WHERE o.parent IN ('processed', 'denied', 'unable', 'not_processed')) AS computed,
           list({'table': 'requests', 'row': f.outcome, 'column': f.applicant, 'value': f.value, 'page': f.page, 'raw': f.raw}
                ORDER BY o.sort_order) AS cells
    FROM request_facts AS f
    JOIN outcomes AS o USING (outcome)
    WHERE f.outcome = 'total_processed' OR o.parent IN ('processed', 'denied', 'unable', 'not_processed')
    GROUP BY f.agency, f.year, f.applicant
)
SELECT agency, year, 'requests_outcome_total' AS check_name, applicant AS subject, published, computed,
       format('requests, column {}: (七)总计 = {} but the outcome rows add up to {}',
              applicant, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
ORDER BY agency, year, subject
