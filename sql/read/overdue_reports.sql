SELECT agency, year, due_date, days_late FROM overdue_reports_on($today::DATE)
