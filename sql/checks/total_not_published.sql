-- Totals published blank while the figures they add up are published: table 三's 总计 column (per
-- row) and its (七)总计 row (per applicant column), table 四's 总计 (per proceeding). Blank is not
-- zero, so the consistency checks do not compare them; this records them, once per report, naming
-- every such total cell. published and computed stay NULL: nothing is shown as 0.
-- A total OCR could not read (confidence below $min_confidence) is not blank: unreadable_cell names it.
-- Recorded for the reports in check_scope (every report, or those a build changed).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH requests AS (
    SELECT f.agency, f.year, f.outcome, f.applicant, f.value, f.page, f.locator, f.raw, f.confidence,
           sum(CASE WHEN f.applicant <> 'total' AND f.value IS NOT NULL THEN 1 ELSE 0 END)
               OVER (PARTITION BY f.agency, f.year, f.outcome) AS row_parts,
           sum(CASE WHEN o.parent IN ('processed', 'denied', 'unable', 'not_processed', 'other_handling')
                     AND f.value IS NOT NULL THEN 1 ELSE 0 END)
               OVER (PARTITION BY f.agency, f.year, f.applicant) AS column_parts
    FROM request_facts AS f
    SEMI JOIN check_scope AS s ON s.agency = f.agency AND s.year = f.year
    JOIN outcomes AS o USING (outcome)
),
review AS (
    SELECT f.agency, f.year, f.proceeding, f.result, f.value, f.page, f.locator, f.raw, f.confidence,
           sum(CASE WHEN f.result <> 'total' AND f.value IS NOT NULL THEN 1 ELSE 0 END)
               OVER (PARTITION BY f.agency, f.year, f.proceeding) AS parts
    FROM review_facts AS f
    SEMI JOIN check_scope AS s ON s.agency = f.agency AND s.year = f.year
),
blank AS (
    SELECT agency, year, 'requests' AS tbl, outcome AS row, applicant AS col, page, locator, raw,
           CASE WHEN applicant = 'total' AND row_parts > 0 THEN 'requests.total' ELSE 'requests.total_processed' END AS total
    FROM requests
    WHERE value IS NULL AND coalesce(confidence, 1) >= $min_confidence
      AND (applicant = 'total' AND row_parts > 0 OR outcome = 'total_processed' AND column_parts > 0)
    UNION ALL
    SELECT agency, year, 'review', proceeding, result, page, locator, raw, 'review.total'
    FROM review
    WHERE value IS NULL AND coalesce(confidence, 1) >= $min_confidence AND result = 'total' AND parts > 0
)
SELECT agency, year, 'total_not_published' AS check_name, 'WARN' AS severity,
       string_agg(DISTINCT total, ', ' ORDER BY total) AS subject, NULL AS published, NULL AS computed,
       format('{} totals published blank while the figures they add up are published (not compared, not taken '
              'for 0): {}', count(*), string_agg(tbl || ' ' || row || ' × ' || col, ', ' ORDER BY tbl, row, col)) AS message,
       to_json(list({'table': tbl, 'row': row, 'column': col, 'value': NULL, 'page': page, 'locator': locator,
                     'raw': raw} ORDER BY tbl, row, col)) AS cells
FROM blank
GROUP BY agency, year
