COMMENT ON COLUMN legacy_measures.year IS 'The year the report covers'
