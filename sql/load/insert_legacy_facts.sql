-- The facts of the old-style reports of a batch ($paths: their Parquet files; staged_reports
-- gives each file's report).
INSERT INTO legacy_facts (agency, year, indicator, period, value, unit, source, label, section, section_key, page,
                          locator, raw, sentence, confidence)
SELECT s.agency, s.year, f."row", f."column", f.value, f.unit,
       CASE WHEN f.sentence IS NULL THEN 'table' ELSE 'text' END, f.label, f.section, f.section_key, f.page,
       f.locator, f.raw, f.sentence, f.confidence
-- Files staged before OCR have no confidence column: NULL (not read by OCR), as in staged_facts.
FROM (
    SELECT * FROM read_parquet($paths, filename = true, union_by_name = true)
    UNION ALL BY NAME
    SELECT NULL::DOUBLE AS confidence WHERE false
) AS f
JOIN staged_reports AS s ON s.facts_path = f.filename
WHERE f."table" = 'legacy'
