COMMENT ON COLUMN legacy_measures.label IS 'The indicator as printed'
