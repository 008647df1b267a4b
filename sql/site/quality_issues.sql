-- Published totals that do not add up, with the cells involved (JSON: year, table, row, column,
-- value, page, raw).
SELECT agency, year, check_name, subject, published, computed, message, cells
FROM quality_issues
ORDER BY agency, year, check_name, subject
