COMMENT ON COLUMN reports.size IS 'Size of the report file, bytes'
