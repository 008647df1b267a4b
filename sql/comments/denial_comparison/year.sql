COMMENT ON COLUMN denial_comparison.year IS 'The year the report covers'
