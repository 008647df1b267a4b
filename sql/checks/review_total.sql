-- Table 四: for 行政复议 and both kinds of 行政诉讼, 总计 = the sum of the results.
-- Blank is not zero: a 总计 published blank, or results all published blank, are not compared
-- (total_not_published records the blank total); a blank among published results counts as none.
-- Recorded for the reports in check_scope (every report, or those a build changed); the cells
-- are gathered for the failing rows only.
-- A sum with a part OCR could not read (confidence below $min_confidence, value NULL) is not
-- checkable: it is not compared (unreadable_cell names the cell), never taken for 0.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH failing AS (
    SELECT agency, year, proceeding,
           sum(value) FILTER (WHERE result = 'total') AS published,
           sum(value) FILTER (WHERE result <> 'total') AS computed
    FROM review_facts
    SEMI JOIN check_scope USING (agency, year)
    GROUP BY agency, year, proceeding
    HAVING published <> computed
       AND count(*) FILTER (WHERE value IS NULL AND confidence < $min_confidence) = 0
)
SELECT x.agency, x.year, 'review_total' AS check_name, 'WARN' AS severity, x.proceeding AS subject,
       x.published, x.computed,
       format('review, {}: 总计 = {} but the results add up to {}', x.proceeding,
              regexp_replace(x.published::VARCHAR, '\.00$', ''), regexp_replace(x.computed::VARCHAR, '\.00$', '')) AS message,
       to_json(list({'table': 'review', 'row': f.proceeding, 'column': f.result, 'value': f.value, 'page': f.page, 'locator': f.locator,
                     'raw': f.raw} ORDER BY f.result)) AS cells
FROM failing AS x
JOIN review_facts AS f USING (agency, year, proceeding)
GROUP BY x.agency, x.year, x.proceeding, x.published, x.computed
