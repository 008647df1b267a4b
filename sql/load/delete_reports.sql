DELETE FROM reports USING replaced AS r WHERE reports.agency = r.agency AND reports.year = r.year
