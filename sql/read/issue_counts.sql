-- Quality issues per check, with the first few messages to show.
SELECT check_name, count(*) AS issues,
       list(format('{} {}: {}', agency, year, message) ORDER BY agency, year, subject)[1:$shown] AS shown
FROM quality_issues
GROUP BY check_name
