COMMENT ON COLUMN region_comparison.year IS 'The year the report covers'
