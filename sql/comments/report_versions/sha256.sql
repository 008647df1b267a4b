COMMENT ON COLUMN report_versions.sha256 IS 'sha256 of the file''s bytes (the raw store''s objects/<sha256>.<format>)'
