COMMENT ON COLUMN review_facts.sha256 IS 'The version of the report the figure was read from (report_versions.sha256)'
