COMMENT ON COLUMN agency_comparison.other_handling IS 'Requests in the outcome group other_handling (request_outcome_groups, 总计 column)'
