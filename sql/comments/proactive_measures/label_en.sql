COMMENT ON COLUMN proactive_measures.label_en IS 'English label'
