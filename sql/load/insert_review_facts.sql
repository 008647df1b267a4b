INSERT INTO review_facts (agency, year, proceeding, result, value, page, raw, label, label_score, locator, confidence)
SELECT agency, year, "row", "column", value, page, raw, label, label_score, locator, confidence
FROM staged_facts
WHERE "table" = 'review'
