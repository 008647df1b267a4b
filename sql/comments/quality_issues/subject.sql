COMMENT ON COLUMN quality_issues.subject IS 'The row or column that does not add up (an outcome, applicant or proceeding code)'
