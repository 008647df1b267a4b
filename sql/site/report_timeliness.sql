-- When each loaded report was published, against its legal deadline.
SELECT *
FROM report_timeliness
ORDER BY agency, year
