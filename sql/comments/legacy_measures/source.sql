COMMENT ON COLUMN legacy_measures.source IS 'table or text'
