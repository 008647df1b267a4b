-- Every code in a fact is a published code of its dimension (among the reports in check_scope);
-- every report's agency is known.
SELECT f.agency, f.year, format('request_facts: unknown code {} / {}', f.outcome, f.applicant) AS problem
FROM request_facts AS f
SEMI JOIN check_scope AS s ON s.agency = f.agency AND s.year = f.year
LEFT JOIN outcomes AS o ON o.outcome = f.outcome AND NOT o.is_group
LEFT JOIN applicant_types AS a ON a.applicant = f.applicant AND NOT a.is_group
WHERE o.outcome IS NULL OR a.applicant IS NULL
UNION ALL
SELECT f.agency, f.year, format('review_facts: unknown code {} / {}', f.proceeding, f.result)
FROM review_facts AS f
SEMI JOIN check_scope AS s ON s.agency = f.agency AND s.year = f.year
LEFT JOIN proceedings AS p ON p.proceeding = f.proceeding AND NOT p.is_group
LEFT JOIN results AS r ON r.result = f.result AND NOT r.is_group
WHERE p.proceeding IS NULL OR r.result IS NULL
UNION ALL
SELECT f.agency, f.year, format('proactive_facts: unknown code {} / {}', f.item, f.measure)
FROM proactive_facts AS f
SEMI JOIN check_scope AS s ON s.agency = f.agency AND s.year = f.year
LEFT JOIN proactive_items AS i ON i.item = f.item AND NOT i.is_group
LEFT JOIN proactive_measures AS m ON m.measure = f.measure AND NOT m.is_group
WHERE i.item IS NULL OR m.measure IS NULL
UNION ALL
SELECT r.agency, r.year, format('reports: unknown agency {}', r.agency)
FROM reports AS r ANTI JOIN agencies AS a USING (agency)
ORDER BY agency, year, problem
