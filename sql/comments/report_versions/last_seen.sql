COMMENT ON COLUMN report_versions.last_seen IS 'When it was last fetched or found unchanged (UTC), as of the report''s last staging'
