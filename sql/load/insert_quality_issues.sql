INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
VALUES ($agency, $year, $check_name, $severity, $subject, $published, $computed, $message, $cells)
