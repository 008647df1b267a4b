COMMENT ON COLUMN legacy_measures.measure IS 'harmonised_measures.measure'
