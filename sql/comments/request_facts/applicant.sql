COMMENT ON COLUMN request_facts.applicant IS 'Column of table 三, a code of applicant_types (natural_person, commercial_enterprise... total)'
