COMMENT ON MACRO TABLE overdue_reports_on IS 'Table macro: overdue_reports_on(DATE ''2026-02-01'') lists the reports overdue on that day (the columns of overdue_reports)'
