COMMENT ON COLUMN report_versions.kind IS 'original (the publisher''s file) | replica, reconstruction (bundled sample)'
