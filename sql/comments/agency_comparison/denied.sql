COMMENT ON COLUMN agency_comparison.denied IS 'Requests in the outcome group denied (request_outcome_groups, 总计 column)'
