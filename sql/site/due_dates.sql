SELECT a.agency, y.year::INTEGER AS year, report_due_date(a.kind, y.year) AS due_date
FROM agencies AS a
CROSS JOIN range(2019, $last + 1) AS y(year)
