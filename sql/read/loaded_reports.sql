SELECT agency, year FROM reports
