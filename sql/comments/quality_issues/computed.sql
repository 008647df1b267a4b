COMMENT ON COLUMN quality_issues.computed IS 'What its parts add up to (blank cells count as absent)'
