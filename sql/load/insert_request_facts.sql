INSERT INTO request_facts (agency, year, outcome, applicant, value, page, raw, label, label_score, locator, confidence, doubt,
    sha256, first_seen, last_seen)
SELECT agency, year, "row", "column", value, page, raw, label, label_score, locator, confidence, doubt,
       sha256, first_seen, last_seen
FROM staged_facts
WHERE "table" = 'requests'
