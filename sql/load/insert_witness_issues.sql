-- Cells where a report's PDF and its web page differ, computed when the report was staged.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
SELECT agency, year, check_name, severity, subject, published, computed, message, cells::JSON
FROM witness_issues
