COMMENT ON COLUMN harmonised_measures.label_en IS 'English label'
