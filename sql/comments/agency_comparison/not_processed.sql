COMMENT ON COLUMN agency_comparison.not_processed IS 'Requests in the outcome group not_processed (request_outcome_groups, 总计 column)'
