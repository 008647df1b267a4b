-- Rows of table 二 a report prints its part without (规章, which a department does not make): every
-- cell NULL with doubt = $row_not_published and an empty raw, never taken for 0. One issue per report
-- and row (subject: the item), naming where the table is (page or locator) and how many cells are NULL.
-- Recorded for the reports in check_scope (every report, or those a build changed).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
SELECT agency, year, 'row_not_published' AS check_name, 'WARN' AS severity, item AS subject,
       NULL AS published, NULL AS computed,
       format('proactive row {} not published: its part of table 二 is printed without it ({}); its {} cells are NULL, never taken for 0',
              item, coalesce('page ' || any_value(page), any_value(locator)), count(*)) AS message,
       to_json(list({'table': 'proactive', 'row': item, 'column': measure, 'value': NULL, 'page': page,
                     'locator': locator, 'raw': raw} ORDER BY measure)) AS cells
FROM proactive_facts
SEMI JOIN check_scope USING (agency, year)
WHERE value IS NULL AND doubt = $row_not_published
GROUP BY agency, year, item
