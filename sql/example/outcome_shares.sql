SELECT agency, year, outcome_group, label_zh, requests, share
FROM request_outcome_groups
WHERE applicant = 'total'
ORDER BY agency, year, outcome_group
