-- Table 三: (七)总计 = the sum of the outcome rows (一)…(六), in every applicant column.
-- (六)其他处理 counts once: as its own row, or as its three sub-rows when only those are published.
-- Blank is not zero: a column whose (七)总计 is published blank, or whose outcome rows all are, is
-- not compared (total_not_published records the blank total); a blank outcome row counts as none.
-- Recorded for the reports in check_scope (every report, or those a build changed); the cells
-- are gathered for the failing columns only.
-- A sum with a part OCR could not read (confidence below $min_confidence, value NULL) is not
-- checkable: it is not compared (unreadable_cell names the cell), never taken for 0.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH parts AS (
    SELECT f.agency, f.year, f.outcome, f.applicant, f.value, f.page, f.locator, f.raw, f.confidence, o.parent,
           o.sort_order
    FROM request_facts AS f
    SEMI JOIN check_scope AS s ON s.agency = f.agency AND s.year = f.year
    JOIN outcomes AS o USING (outcome)
    WHERE f.outcome = 'total_processed' OR o.parent IN ('processed', 'denied', 'unable', 'not_processed', 'other_handling')
),
failing AS (
    SELECT agency, year, applicant,
           sum(value) FILTER (WHERE outcome = 'total_processed') AS published,
           CASE WHEN count(value) FILTER (WHERE outcome <> 'total_processed') > 0
                THEN sum(coalesce(value, 0)) FILTER (WHERE parent IN ('processed', 'denied', 'unable', 'not_processed'))
                     + CASE WHEN count(*) FILTER (WHERE outcome = 'other_handling') = 0
                            THEN coalesce(sum(coalesce(value, 0)) FILTER (WHERE parent = 'other_handling'), 0)
                            ELSE 0 END
           END AS computed
    FROM parts
    GROUP BY agency, year, applicant
    HAVING published <> computed
       AND count(*) FILTER (WHERE value IS NULL AND confidence < $min_confidence) = 0
)
SELECT x.agency, x.year, 'requests_outcome_total' AS check_name, 'WARN' AS severity, x.applicant AS subject,
       x.published, x.computed,
       format('requests, column {}: (七)总计 = {} but the outcome rows add up to {}', x.applicant,
              regexp_replace(x.published::VARCHAR, '\.00$', ''), regexp_replace(x.computed::VARCHAR, '\.00$', '')) AS message,
       to_json(list({'table': 'requests', 'row': p.outcome, 'column': p.applicant, 'value': p.value, 'page': p.page, 'locator': p.locator,
                     'raw': p.raw} ORDER BY p.sort_order)) AS cells
FROM failing AS x
JOIN parts AS p USING (agency, year, applicant)
GROUP BY x.agency, x.year, x.applicant, x.published, x.computed
