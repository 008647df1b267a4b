COMMENT ON COLUMN request_outcome_groups.applicant IS 'Applicant column, a code of applicant_types (total for all applicants)'
