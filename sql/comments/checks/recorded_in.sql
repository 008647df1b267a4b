COMMENT ON COLUMN checks.recorded_in IS 'Where failures are listed: quality_issues, overdue_reports, or not published (an ERROR stops publishing)'
