INSERT INTO request_facts (agency, year, outcome, applicant, value, page, raw, label, label_score, locator, confidence)
SELECT agency, year, "row", "column", value, page, raw, label, label_score, locator, confidence
FROM staged_facts
WHERE "table" = 'requests'
