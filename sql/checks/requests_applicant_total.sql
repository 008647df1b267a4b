-- Table 三: the 总计 column = the sum of the applicant columns, in every row.
-- Recorded for the reports in check_scope (every report, or those a build changed).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH sides AS (
    SELECT agency, year, outcome,
           sum(coalesce(value, 0)) FILTER (WHERE applicant = 'total') AS published,
           sum(coalesce(value, 0)) FILTER (WHERE applicant <> 'total') AS computed,
           list({'table': 'requests', 'row': outcome, 'column': applicant, 'value': value, 'page': page, 'raw': raw}
                ORDER BY applicant) AS cells
    FROM request_facts
    SEMI JOIN check_scope USING (agency, year)
    GROUP BY agency, year, outcome
)
SELECT agency, year, 'requests_applicant_total' AS check_name, 'WARN' AS severity, outcome AS subject, published, computed,
       format('requests, row {}: 总计 = {} but the applicant columns add up to {}',
              outcome, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
