COMMENT ON COLUMN request_outcomes.outcome_group IS 'The group (一)…(六) the row belongs to: granted, partially_granted, denied, unable, not_processed or other_handling'
