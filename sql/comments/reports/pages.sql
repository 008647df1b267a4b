COMMENT ON COLUMN reports.pages IS 'Number of pages of the report'
