-- The facts of a batch of staged reports, read once: $paths lists their Parquet files and
-- staged_reports (registered by the build) gives each file's report.
CREATE TEMP TABLE staged_facts AS
SELECT s.agency, s.year, f."table", f."row", f."column", f.value, f.page, f.raw, f.label, f.label_score, f.locator
FROM read_parquet($paths, filename = true) AS f
JOIN staged_reports AS s ON s.facts_path = f.filename
