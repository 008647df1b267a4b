COMMENT ON COLUMN quality_issues.published IS 'The total as published (NULL if printed blank)'
