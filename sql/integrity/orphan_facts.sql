-- Every fact belongs to a loaded report (among the reports in check_scope).
SELECT agency, year, format('{}: {} facts without a report', tbl, count(*)) AS problem
FROM (
    SELECT 'request_facts' AS tbl, agency, year FROM request_facts
    UNION ALL SELECT 'review_facts', agency, year FROM review_facts
    UNION ALL SELECT 'proactive_facts', agency, year FROM proactive_facts
) AS f
SEMI JOIN check_scope USING (agency, year)
ANTI JOIN reports USING (agency, year)
GROUP BY tbl, agency, year
ORDER BY agency, year, problem
