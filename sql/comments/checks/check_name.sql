COMMENT ON COLUMN checks.check_name IS 'Name of the check: an asset check of the warehouse asset, or a check_name of quality_issues'
