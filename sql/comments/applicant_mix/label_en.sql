COMMENT ON COLUMN applicant_mix.label_en IS 'English label of the applicant type'
