-- The reports missing after their deadline (31 January of the following year) as of the date
-- ``today``: every year from the agency's first loaded report to the latest year due that has no
-- report. An agency with nothing loaded is not covered yet rather than late: it is not listed.
CREATE MACRO overdue_reports_on(today) AS TABLE
WITH due AS (
    SELECT CASE WHEN today > make_date(year(today), 1, 31) THEN year(today) - 1 ELSE year(today) - 2 END AS latest
),
firsts AS (
    SELECT a.agency, a.name_zh, min(r.year) AS first_year, any_value(due.latest) AS latest
    FROM agencies AS a
    CROSS JOIN due
    JOIN reports AS r USING (agency)
    GROUP BY a.agency, a.name_zh
),
expected AS (
    SELECT agency, name_zh, unnest(range(first_year, latest + 1))::INTEGER AS year FROM firsts
)
SELECT e.agency, e.name_zh, e.year, make_date(e.year + 1, 1, 31) AS due_date,
       (today::DATE - make_date(e.year + 1, 1, 31))::INTEGER AS days_late
FROM expected AS e
ANTI JOIN reports AS r ON r.agency = e.agency AND r.year = e.year
ORDER BY e.agency, e.year
