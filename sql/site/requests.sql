-- New requests (一, before 2019 the requests received) and requests handled ((七)总计, before 2019
-- the answers) per agency and year, from the long series (request_series); series_break marks the
-- first year of the national template after old-style years.
SELECT agency, year,
       CASE measure WHEN 'requests_received' THEN 'new_requests' ELSE 'total_processed' END AS outcome,
       value, series_break
FROM request_series
WHERE measure IN ('requests_received', 'requests_answered')
ORDER BY agency, year, outcome
