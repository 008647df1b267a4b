COMMENT ON COLUMN report_versions.final_url IS 'The address after redirects'
