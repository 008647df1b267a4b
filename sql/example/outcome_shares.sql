PIVOT (SELECT agency, year, outcome_group, share FROM request_outcome_groups WHERE applicant = 'total')
ON outcome_group IN (granted, partially_granted, denied, unable, not_processed, other_handling)
USING first(share)
ORDER BY agency, year
