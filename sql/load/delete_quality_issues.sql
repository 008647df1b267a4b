-- Issues of the replaced reports and of the years after them (carry-over), recorded again.
DELETE FROM quality_issues USING affected AS a WHERE quality_issues.agency = a.agency AND quality_issues.year = a.year
