COMMENT ON COLUMN outcomes.label_en IS 'English label'
