INSERT INTO request_facts (agency, year, outcome, applicant, value, page, raw, label, label_score)
SELECT agency, year, "row", "column", value, page, raw, label, label_score
FROM staged_facts
WHERE "table" = 'requests'
