COMMENT ON COLUMN agency_comparison.new_requests_year_before IS 'new_requests of the body''s report on the year before; NULL when that report is not loaded or the cell was blank'
