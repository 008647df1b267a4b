INSERT INTO review_facts (agency, year, proceeding, result, value, page, raw, label, label_score, locator)
SELECT $agency, $year, "row", "column", value, page, raw, label, label_score, locator
FROM read_parquet($path)
WHERE "table" = 'review'
