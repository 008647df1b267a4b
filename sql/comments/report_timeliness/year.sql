COMMENT ON COLUMN report_timeliness.year IS 'The year the report covers'
