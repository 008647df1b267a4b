COMMENT ON COLUMN review_facts.label_score IS 'How closely label matches the canonical label of the code, 0-100 (100 = exactly)'
