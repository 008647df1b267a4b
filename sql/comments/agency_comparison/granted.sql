COMMENT ON COLUMN agency_comparison.granted IS 'Requests in the outcome group granted (request_outcome_groups, 总计 column)'
