COMMENT ON COLUMN report_versions.year IS 'The year the report covers'
