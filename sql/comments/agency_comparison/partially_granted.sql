COMMENT ON COLUMN agency_comparison.partially_granted IS 'Requests in the outcome group partially_granted (request_outcome_groups, 总计 column)'
