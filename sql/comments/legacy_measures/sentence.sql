COMMENT ON COLUMN legacy_measures.sentence IS 'The sentence of a prose figure'
