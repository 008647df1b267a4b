SELECT agency, year FROM reports SEMI JOIN affected USING (agency, year) ORDER BY agency, year
