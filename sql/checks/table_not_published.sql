-- Tables a report replaced by a sentence (本年度未收到政府信息公开申请。) or left out under their heading:
-- every cell NULL with doubt = $not_published and that sentence as raw, never taken for 0. One issue
-- per report and table, naming the table, the sentence and where it is printed (page or locator).
-- The sums and the carry-over check compare none of these cells; total_not_published, which
-- names totals published blank beside published figures, does not count them either.
-- Recorded for the reports in check_scope (every report, or those a build changed).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH absent AS (
    SELECT agency, year, 'requests' AS tbl, page, locator, raw FROM request_facts
    SEMI JOIN check_scope USING (agency, year)
    WHERE value IS NULL AND doubt = $not_published
    UNION ALL
    SELECT agency, year, 'review', page, locator, raw FROM review_facts
    SEMI JOIN check_scope USING (agency, year)
    WHERE value IS NULL AND doubt = $not_published
    UNION ALL
    SELECT agency, year, 'proactive', page, locator, raw FROM proactive_facts
    SEMI JOIN check_scope USING (agency, year)
    WHERE value IS NULL AND doubt = $not_published
)
SELECT agency, year, 'table_not_published' AS check_name, 'WARN' AS severity, tbl AS subject,
       NULL AS published, NULL AS computed,
       format('{} not published: {} ({}); its {} cells are NULL, not compared, never taken for 0', tbl,
              CASE WHEN any_value(raw) = '' THEN 'its heading followed by the next section''s'
                   ELSE 'in its place ''' || any_value(raw) || '''' END,
              coalesce('page ' || any_value(page), any_value(locator)), count(*)) AS message,
       to_json([{'table': tbl, 'row': NULL, 'column': NULL, 'value': NULL, 'page': any_value(page),
                 'locator': any_value(locator), 'raw': any_value(raw)}]) AS cells
FROM absent
GROUP BY agency, year, tbl
