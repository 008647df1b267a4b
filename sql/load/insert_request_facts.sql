INSERT INTO request_facts (agency, year, outcome, applicant, value, page, raw, label, label_score, locator)
SELECT agency, year, "row", "column", value, page, raw, label, label_score, locator
FROM staged_facts
WHERE "table" = 'requests'
