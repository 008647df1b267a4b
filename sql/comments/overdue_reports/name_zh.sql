COMMENT ON COLUMN overdue_reports.name_zh IS 'Name of the publisher in Chinese'
