INSERT INTO request_facts (agency, year, outcome, applicant, value, page, raw, label, label_score, locator)
SELECT $agency, $year, "row", "column", value, page, raw, label, label_score, locator
FROM read_parquet($path)
WHERE "table" = 'requests'
