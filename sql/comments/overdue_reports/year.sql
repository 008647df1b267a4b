COMMENT ON COLUMN overdue_reports.year IS 'The year the missing report should cover'
