COMMENT ON COLUMN results.label_en IS 'English label'
