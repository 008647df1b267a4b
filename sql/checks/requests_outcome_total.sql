-- Table 三: (七)总计 = the sum of the outcome rows (一)…(六), in every applicant column.
-- (六)其他处理 counts once: as its own row, or as its three sub-rows when only those are published.
-- Recorded for the reports in check_scope (every report, or those a build changed).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH sides AS (
    SELECT f.agency, f.year, f.applicant,
           sum(coalesce(f.value, 0)) FILTER (WHERE f.outcome = 'total_processed') AS published,
           sum(coalesce(f.value, 0)) FILTER (WHERE o.parent IN ('processed', 'denied', 'unable', 'not_processed'))
           + CASE WHEN count(*) FILTER (WHERE f.outcome = 'other_handling') = 0
                  THEN coalesce(sum(coalesce(f.value, 0)) FILTER (WHERE o.parent = 'other_handling'), 0)
                  ELSE 0 END AS computed,
           list({'table': 'requests', 'row': f.outcome, 'column': f.applicant, 'value': f.value, 'page': f.page, 'raw': f.raw}
                ORDER BY o.sort_order) AS cells
    FROM request_facts AS f
    SEMI JOIN check_scope AS s ON s.agency = f.agency AND s.year = f.year
    JOIN outcomes AS o USING (outcome)
    WHERE f.outcome = 'total_processed' OR o.parent IN ('processed', 'denied', 'unable', 'not_processed', 'other_handling')
    GROUP BY f.agency, f.year, f.applicant
)
SELECT agency, year, 'requests_outcome_total' AS check_name, 'WARN' AS severity, applicant AS subject, published, computed,
       format('requests, column {}: (七)总计 = {} but the outcome rows add up to {}',
              applicant, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
