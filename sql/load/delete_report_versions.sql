DELETE FROM report_versions USING replaced AS r WHERE report_versions.agency = r.agency AND report_versions.year = r.year
