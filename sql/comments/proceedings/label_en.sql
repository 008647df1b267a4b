COMMENT ON COLUMN proceedings.label_en IS 'English label'
