COMMENT ON COLUMN applicant_mix.label_zh IS 'Label of the applicant type as published'
