COMMENT ON COLUMN quality_issues.message IS 'The failure in words'
