-- Every fact and report key appears once (among the reports in check_scope).
SELECT agency, year, format('request_facts: {} / {} appears {} times', outcome, applicant, count(*)) AS problem
FROM request_facts SEMI JOIN check_scope USING (agency, year)
GROUP BY agency, year, outcome, applicant HAVING count(*) > 1
UNION ALL
SELECT agency, year, format('review_facts: {} / {} appears {} times', proceeding, result, count(*))
FROM review_facts SEMI JOIN check_scope USING (agency, year)
GROUP BY agency, year, proceeding, result HAVING count(*) > 1
UNION ALL
SELECT agency, year, format('proactive_facts: {} / {} appears {} times', item, measure, count(*))
FROM proactive_facts SEMI JOIN check_scope USING (agency, year)
GROUP BY agency, year, item, measure HAVING count(*) > 1
UNION ALL
SELECT agency, year, format('reports: the report appears {} times', count(*))
FROM reports SEMI JOIN check_scope USING (agency, year)
GROUP BY agency, year HAVING count(*) > 1
ORDER BY agency, year, problem
