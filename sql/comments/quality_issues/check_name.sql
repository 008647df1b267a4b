COMMENT ON COLUMN quality_issues.check_name IS 'The check that failed, a row of checks (e.g. review_total)'
