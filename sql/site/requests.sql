-- New requests (一) and requests handled ((七)总计) per agency and year, 总计 column.
SELECT agency, year, outcome, value
FROM request_facts
WHERE applicant = 'total' AND outcome IN ('new_requests', 'total_processed')
ORDER BY agency, year, outcome
