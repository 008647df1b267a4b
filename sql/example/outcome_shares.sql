SELECT agency, year, outcome_group, requests, share
FROM request_outcome_groups
WHERE applicant = 'total'
ORDER BY agency, year, sort_order
