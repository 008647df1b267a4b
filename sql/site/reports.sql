-- The loaded reports and where each came from.
SELECT agency, year, kind, source_url, final_url, sha256, template, pages
FROM reports
ORDER BY agency, year
