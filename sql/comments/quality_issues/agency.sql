COMMENT ON COLUMN quality_issues.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
