COMMENT ON COLUMN report_versions.source_url IS 'Where the file was found; NULL for a bundled sample'
