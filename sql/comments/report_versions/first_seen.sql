COMMENT ON COLUMN report_versions.first_seen IS 'When the file was first fetched (UTC)'
