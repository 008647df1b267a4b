COMMENT ON COLUMN legacy_measures.raw IS 'Cell text or matched words'
