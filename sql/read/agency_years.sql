-- Whether an agency is in the warehouse, and the years of its loaded reports ($agency).
SELECT a.agency, list(r.year ORDER BY r.year) FILTER (WHERE r.year IS NOT NULL)
FROM agencies AS a LEFT JOIN reports AS r USING (agency)
WHERE a.agency = $agency
GROUP BY a.agency
