SELECT agency, year, template, sha256 FROM reports ORDER BY agency, year
