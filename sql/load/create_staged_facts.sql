-- The facts of a batch of staged reports, read once: $paths lists their Parquet files and
-- staged_reports (registered by the build) gives each file's report.
CREATE TEMP TABLE staged_facts AS
SELECT s.agency, s.year, f."table", f."row", f."column", f.value, f.page, f.raw, f.label, f.label_score, f.locator, f.confidence
-- union_by_name: facts staged before OCR have no confidence column (NULL: not read by OCR).
FROM read_parquet($paths, filename = true, union_by_name = true) AS f
JOIN staged_reports AS s ON s.facts_path = f.filename
