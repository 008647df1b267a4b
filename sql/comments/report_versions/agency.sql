COMMENT ON COLUMN report_versions.agency IS 'agencies.agency'
