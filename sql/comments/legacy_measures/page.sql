COMMENT ON COLUMN legacy_measures.page IS 'PDF page'
