COMMENT ON COLUMN quality_issues.cells IS 'JSON list of the cells involved: table, row, column, value, page, raw text (and year for carryover; confidence and doubt of an unreadable scan cell)'
