COMMENT ON COLUMN level_comparison.year IS 'The year the report covers'
