-- The facts of every staged report at once: $paths lists their Parquet files, staged_reports
-- (registered by the build) gives each file's report.
INSERT INTO review_facts (agency, year, proceeding, result, value, page, raw, label, label_score)
SELECT s.agency, s.year, f."row", f."column", f.value, f.page, f.raw, f.label, f.label_score
FROM read_parquet($paths, filename = true) AS f
JOIN staged_reports AS s ON s.facts_path = f.filename
WHERE f."table" = 'review'
