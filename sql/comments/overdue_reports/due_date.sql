COMMENT ON COLUMN overdue_reports.due_date IS 'The legal deadline: 31 January of the following year'
