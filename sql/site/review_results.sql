-- Reconsideration and litigation (both kinds together) by result, per agency and year.
SELECT f.agency, f.year, coalesce(p.parent, f.proceeding) AS proceeding, f.result, sum(f.value) AS cases
FROM review_facts AS f
JOIN proceedings AS p USING (proceeding)
WHERE f.result <> 'total'
GROUP BY ALL
ORDER BY f.agency, f.year, proceeding, f.result
