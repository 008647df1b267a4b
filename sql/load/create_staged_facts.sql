-- The facts of a batch of staged reports, read once: $paths lists their Parquet files and
-- staged_reports (registered by the build) gives each file's report, its version and when that
-- version was first and last seen.
CREATE TEMP TABLE staged_facts AS
SELECT s.agency, s.year, f."table", f."row", f."column", f.value, f.page, f.raw, f.label, f.label_score, f.locator, f.confidence, f.doubt,
       s.sha256,
       -- Facts staged before times were kept have none: their version's first sighting.
       coalesce(f.first_seen, s.first_seen)::TIMESTAMPTZ AT TIME ZONE 'UTC' AS first_seen,
       s.last_seen::TIMESTAMPTZ AT TIME ZONE 'UTC' AS last_seen
-- union_by_name: files staged before a column existed read it as NULL (confidence: not read by
-- OCR; doubt: not said). The empty row set names those columns, so a batch where no file has them
-- still reads.
FROM (
    SELECT * FROM read_parquet($paths, filename = true, union_by_name = true)
    UNION ALL BY NAME
    SELECT NULL::VARCHAR AS first_seen, NULL::DOUBLE AS confidence, NULL::VARCHAR AS doubt WHERE false
) AS f
JOIN staged_reports AS s ON s.facts_path = f.filename
