COMMENT ON COLUMN revisions.old_sha256 IS 'The version loaded before (report_versions.sha256)'
