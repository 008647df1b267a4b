COMMENT ON COLUMN request_series.year IS 'The year the report covers'
