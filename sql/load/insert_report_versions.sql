-- Every version of the staged reports: their staged records carry what the raw store had seen.
INSERT INTO report_versions
SELECT agency, year, sha256, kind, format, size, source_url, final_url,
       first_seen::TIMESTAMPTZ AT TIME ZONE 'UTC', last_seen::TIMESTAMPTZ AT TIME ZONE 'UTC', loaded, failure
FROM staged_versions
