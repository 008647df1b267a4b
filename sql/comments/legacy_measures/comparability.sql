COMMENT ON COLUMN legacy_measures.comparability IS 'crosswalk.comparability'
