COMMENT ON COLUMN overdue_reports.days_late IS 'Days from the deadline to today'
