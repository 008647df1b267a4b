COMMENT ON COLUMN legacy_measures.section IS 'Its heading, as printed'
