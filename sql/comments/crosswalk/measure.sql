COMMENT ON COLUMN crosswalk.measure IS 'The harmonised measure (harmonised_measures.measure)'
