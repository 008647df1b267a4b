COMMENT ON COLUMN reports.extractor_version IS 'Version of the extractor that read the report (a new version extracts again)'
