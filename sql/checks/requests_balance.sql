-- Table 三: 一 + 二 (received and carried over) = (七)总计 + 四 (handled and carried forward),
-- in every applicant column.
-- Blank is not zero: a column whose (七)总计 is published blank, or whose 一 and 二 both are, is not
-- compared (total_not_published records the blank total); a blank 四 counts as none.
-- Recorded for the reports in check_scope (every report, or those a build changed); the cells
-- are gathered for the failing columns only.
-- A sum with a part OCR could not read (confidence below $min_confidence, value NULL) is not
-- checkable: it is not compared (unreadable_cell names the cell), never taken for 0.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH parts AS (
    SELECT agency, year, outcome, applicant, value, page, locator, raw, confidence
    FROM request_facts
    SEMI JOIN check_scope USING (agency, year)
    WHERE outcome IN ('new_requests', 'carried_over', 'total_processed', 'carried_forward')
),
failing AS (
    SELECT agency, year, applicant,
           CASE WHEN count(value) FILTER (WHERE outcome = 'total_processed') > 0
                THEN sum(value) FILTER (WHERE outcome IN ('total_processed', 'carried_forward')) END AS published,
           sum(value) FILTER (WHERE outcome IN ('new_requests', 'carried_over')) AS computed
    FROM parts
    GROUP BY agency, year, applicant
    HAVING published <> computed
       AND count(*) FILTER (WHERE value IS NULL AND confidence < $min_confidence) = 0
)
SELECT x.agency, x.year, 'requests_balance' AS check_name, 'WARN' AS severity, x.applicant AS subject,
       x.published, x.computed,
       format('requests, column {}: (七)总计 + 四 = {} but 一 + 二 = {}', x.applicant,
              regexp_replace(x.published::VARCHAR, '\.00$', ''), regexp_replace(x.computed::VARCHAR, '\.00$', '')) AS message,
       to_json(list({'table': 'requests', 'row': p.outcome, 'column': p.applicant, 'value': p.value, 'page': p.page, 'locator': p.locator,
                     'raw': p.raw} ORDER BY p.outcome)) AS cells
FROM failing AS x
JOIN parts AS p USING (agency, year, applicant)
GROUP BY x.agency, x.year, x.applicant, x.published, x.computed
