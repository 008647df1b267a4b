SELECT agency, year, check_name, severity, subject, published, computed, message, cells::VARCHAR
FROM quality_issues
WHERE check_name = ?
ORDER BY agency, year, subject
