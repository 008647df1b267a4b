-- One revised issue per revision of a staged report (pointing at its rows of revisions).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
SELECT agency, year, check_name, severity, subject, published, computed, message, cells::JSON
FROM revised_issues
