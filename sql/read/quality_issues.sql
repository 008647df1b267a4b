SELECT agency, year, check_name, severity, subject, published, computed, message, cells
FROM quality_issues
ORDER BY agency, year, check_name, subject
