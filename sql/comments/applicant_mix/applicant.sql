COMMENT ON COLUMN applicant_mix.applicant IS 'Applicant type, a code of applicant_types (total excluded)'
