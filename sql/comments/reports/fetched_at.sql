COMMENT ON COLUMN reports.fetched_at IS 'When the file was fetched, ISO-8601 UTC'
