COMMENT ON COLUMN agency_comparison.unable IS 'Requests in the outcome group unable (request_outcome_groups, 总计 column)'
