COMMENT ON COLUMN legacy_measures.unit IS 'As printed'
