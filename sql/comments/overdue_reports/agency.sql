COMMENT ON COLUMN overdue_reports.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
