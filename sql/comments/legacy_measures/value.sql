COMMENT ON COLUMN legacy_measures.value IS 'As published'
