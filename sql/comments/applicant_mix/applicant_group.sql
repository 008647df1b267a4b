COMMENT ON COLUMN applicant_mix.applicant_group IS 'natural_person or legal_person (legal persons and other organizations)'
