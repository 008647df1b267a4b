COMMENT ON COLUMN legacy_measures.note IS 'crosswalk.note'
