-- Table 三: 一 + 二 (received and carried over) = (七)总计 + 四 (handled and carried forward),
-- in every applicant column.
-- Recorded for the reports in check_scope (every report, or those a build changed).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH sides AS (
    SELECT agency, year, applicant,
           sum(coalesce(value, 0)) FILTER (WHERE outcome IN ('total_processed', 'carried_forward')) AS published,
           sum(coalesce(value, 0)) FILTER (WHERE outcome IN ('new_requests', 'carried_over')) AS computed,
           list({'table': 'requests', 'row': outcome, 'column': applicant, 'value': value, 'page': page, 'raw': raw}
                ORDER BY outcome) AS cells
    FROM request_facts
    SEMI JOIN check_scope USING (agency, year)
    WHERE outcome IN ('new_requests', 'carried_over', 'total_processed', 'carried_forward')
    GROUP BY agency, year, applicant
)
SELECT agency, year, 'requests_balance' AS check_name, 'WARN' AS severity, applicant AS subject, published, computed,
       format('requests, column {}: (七)总计 + 四 = {} but 一 + 二 = {}',
              applicant, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
