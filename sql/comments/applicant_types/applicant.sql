COMMENT ON COLUMN applicant_types.applicant IS 'Code of the applicant column (request_facts.applicant)'
