COMMENT ON COLUMN report_versions.size IS 'Bytes'
