INSERT INTO request_facts (agency, year, outcome, applicant, value, page, raw, label, label_score)
SELECT $agency, $year, "row", "column", value, page, raw, label, label_score
FROM read_parquet($path)
WHERE "table" = 'requests'
