-- The reports overdue as of the date ``today``: looked for and not found after their legal deadline
-- (report_due_date). Only a live reading of the agency's listing (listing_checks) made after a
-- year's deadline, which did not show that year's report, makes the year overdue; a year never
-- looked for after its deadline (an offline run, an agency without a known listing) is not in this
-- data set rather than late. The years looked at run from the agency's first report (loaded, or
-- shown by its listing) to the last one due; a listing that showed no report at all and nothing
-- loaded cannot tell a missing report from a listing not understood: it lists nothing.
CREATE MACRO overdue_reports_on(today) AS TABLE
WITH loaded AS (
    SELECT agency, min(year) AS first_loaded FROM reports GROUP BY agency
),
looked AS (
    SELECT a.agency, a.name_zh, a.kind, c.checked_at::DATE AS checked_on, c.years_found,
           least(l.first_loaded, list_min(c.years_found)) AS first_year
    FROM agencies AS a
    JOIN listing_checks AS c USING (agency)
    LEFT JOIN loaded AS l USING (agency)
),
expected AS (
    SELECT agency, name_zh, kind, checked_on, years_found, unnest(range(first_year, year(today))) ::INTEGER AS year
    FROM looked
    WHERE first_year IS NOT NULL
)
SELECT e.agency, e.name_zh, e.year, report_due_date(e.kind, e.year) AS due_date,
       (today::DATE - report_due_date(e.kind, e.year))::INTEGER AS days_late
FROM expected AS e
ANTI JOIN reports AS r ON r.agency = e.agency AND r.year = e.year
WHERE report_due_date(e.kind, e.year) < today::DATE
  AND report_due_date(e.kind, e.year) < e.checked_on
  AND NOT list_contains(e.years_found, e.year)
ORDER BY e.agency, e.year
