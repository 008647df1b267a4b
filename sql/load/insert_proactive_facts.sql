INSERT INTO proactive_facts (agency, year, item, measure, value, page, raw, label, label_score, locator)
SELECT $agency, $year, "row", "column", value, page, raw, label, label_score, locator
FROM read_parquet($path)
WHERE "table" = 'proactive'
