-- The versions of one report, oldest first ($agency, $year).
SELECT sha256, first_seen, last_seen, coalesce(final_url, source_url), kind, loaded, failure
FROM report_versions
WHERE agency = $agency AND year = $year
ORDER BY first_seen, sha256
