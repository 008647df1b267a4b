COMMENT ON COLUMN request_series.measure IS 'harmonised_measures.measure'
