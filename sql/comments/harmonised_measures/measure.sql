COMMENT ON COLUMN harmonised_measures.measure IS 'The measure''s code'
