COMMENT ON COLUMN agency_comparison.year IS 'The year the report covers'
