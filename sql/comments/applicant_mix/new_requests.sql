COMMENT ON COLUMN applicant_mix.new_requests IS 'New requests received this year from this type; NULL when printed blank'
