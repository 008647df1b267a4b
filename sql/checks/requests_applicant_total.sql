-- Table 三: the 总计 column = the sum of the applicant columns, in every row.
-- Blank is not zero: a row whose 总计 is published blank, or whose applicant columns all are, has
-- nothing to compare (total_not_published records the blank total); a blank among published
-- applicant columns counts as none.
-- Recorded for the reports in check_scope (every report, or those a build changed); the cells
-- are gathered for the failing rows only.
-- A sum with a part OCR could not read (confidence below $min_confidence, value NULL) is not
-- checkable: it is not compared (unreadable_cell names the cell), never taken for 0.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH failing AS (
    SELECT agency, year, outcome,
           sum(value) FILTER (WHERE applicant = 'total') AS published,
           sum(value) FILTER (WHERE applicant <> 'total') AS computed
    FROM request_facts
    SEMI JOIN check_scope USING (agency, year)
    GROUP BY agency, year, outcome
    HAVING published <> computed
       AND count(*) FILTER (WHERE value IS NULL AND confidence < $min_confidence) = 0
)
SELECT x.agency, x.year, 'requests_applicant_total' AS check_name, 'WARN' AS severity, x.outcome AS subject,
       x.published, x.computed,
       format('requests, row {}: 总计 = {} but the applicant columns add up to {}', x.outcome,
              regexp_replace(x.published::VARCHAR, '\.00$', ''), regexp_replace(x.computed::VARCHAR, '\.00$', '')) AS message,
       to_json(list({'table': 'requests', 'row': f.outcome, 'column': f.applicant, 'value': f.value, 'page': f.page, 'locator': f.locator,
                     'raw': f.raw} ORDER BY f.applicant)) AS cells
FROM failing AS x
JOIN request_facts AS f USING (agency, year, outcome)
GROUP BY x.agency, x.year, x.outcome, x.published, x.computed
