COMMENT ON COLUMN request_outcome_groups.outcome_group IS 'granted, partially_granted, denied, unable, not_processed or other_handling (a code of outcomes)'
