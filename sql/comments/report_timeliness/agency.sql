COMMENT ON COLUMN report_timeliness.agency IS 'Publisher code, a row of agencies'
