COMMENT ON COLUMN legacy_measures.agency IS 'The body'
