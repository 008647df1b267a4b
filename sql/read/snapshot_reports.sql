SELECT r.agency, r.year, r.sha256, r.kind, r.source_url, i.staged_digest
FROM reports AS r
LEFT JOIN report_inputs AS i USING (agency, year)
ORDER BY r.agency, r.year
