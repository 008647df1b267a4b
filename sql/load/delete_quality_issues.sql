-- Issues of the replaced reports and of the years after them (carry-over), recorded again; a
-- page/PDF difference belongs to its own report only, recorded again when that report is replaced.
DELETE FROM quality_issues USING affected AS a
WHERE quality_issues.agency = a.agency AND quality_issues.year = a.year
  AND (quality_issues.check_name <> 'pdf_page_mismatch'
       OR EXISTS (SELECT 1 FROM replaced AS r WHERE r.agency = a.agency AND r.year = a.year))
