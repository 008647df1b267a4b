-- Table 三: (七)总计 = the sum of the outcome rows (一)…(六), in every applicant column.
-- (六)其他处理 counts once: as its own row, or as its three sub-rows when only those are published.
WITH sides AS (
    SELECT f.agency, f.year, f.applicant,
           sum(coalesce(f.value, 0)) FILTER (WHERE f.outcome = 'total_processed') AS published,
           sum(coalesce(f.value, 0)) FILTER (WHERE o.parent IN ('processed', 'denied', 'unable', 'not_processed'))
           + CASE WHEN count(*) FILTER (WHERE f.outcome = 'other_handling') = 0
                  THEN coalesce(sum(coalesce(f.value, 0)) FILTER (WHERE o.parent = 'other_handling'), 0)
                  ELSE 0 END AS computed,
           list({'table': 'requests', 'row': f.outcome, 'column': f.applicant, 'value': f.value, 'page': f.page, 'locator': f.locator, 'raw': f.raw}
                ORDER BY o.sort_order) AS cells
    FROM request_facts AS f
    JOIN outcomes AS o USING (outcome)
    WHERE f.outcome = 'total_processed' OR o.parent IN ('processed', 'denied', 'unable', 'not_processed', 'other_handling')
    GROUP BY f.agency, f.year, f.applicant
)
SELECT agency, year, 'requests_outcome_total' AS check_name, applicant AS subject, published, computed,
       format('requests, column {}: (七)总计 = {} but the outcome rows add up to {}',
              applicant, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
ORDER BY agency, year, subject
