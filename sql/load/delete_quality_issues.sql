-- Issues of the replaced reports and of the years after them (carry-over), recorded again; a
-- page/PDF difference and a revision belong to their own report only, recorded again when that
-- report is replaced.
DELETE FROM quality_issues USING affected AS a
WHERE quality_issues.agency = a.agency AND quality_issues.year = a.year
  AND (quality_issues.check_name NOT IN ('pdf_page_mismatch', 'revised')
       OR EXISTS (SELECT 1 FROM replaced AS r WHERE r.agency = a.agency AND r.year = a.year))
