-- The reports missing after their legal deadline (report_due_date: 31 January for a department,
-- 31 March for a government) as of the date ``today``: every year from the agency's first loaded
-- report to the latest year due that has no report. An agency with nothing loaded is not covered
-- yet rather than late: it is not listed.
CREATE MACRO overdue_reports_on(today) AS TABLE
WITH firsts AS (
    SELECT a.agency, a.name_zh, a.kind, min(r.year) AS first_year
    FROM agencies AS a
    JOIN reports AS r USING (agency)
    GROUP BY a.agency, a.name_zh, a.kind
),
expected AS (
    SELECT agency, name_zh, kind, unnest(range(first_year, year(today))) ::INTEGER AS year FROM firsts
)
SELECT e.agency, e.name_zh, e.year, report_due_date(e.kind, e.year) AS due_date,
       (today::DATE - report_due_date(e.kind, e.year))::INTEGER AS days_late
FROM expected AS e
ANTI JOIN reports AS r ON r.agency = e.agency AND r.year = e.year
WHERE report_due_date(e.kind, e.year) < today::DATE
ORDER BY e.agency, e.year
