SELECT agency, year, 'requests' AS "table", outcome AS "row", applicant AS "column" FROM request_facts
UNION ALL
SELECT agency, year, 'review', proceeding, result FROM review_facts
UNION ALL
SELECT agency, year, 'proactive', item, measure FROM proactive_facts
