COMMENT ON COLUMN applicant_types.label_en IS 'English label'
