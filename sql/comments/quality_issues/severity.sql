COMMENT ON COLUMN quality_issues.severity IS 'WARN: recorded, never corrected'
