INSERT INTO review_facts (agency, year, proceeding, result, value, page, raw, label, label_score, locator)
SELECT agency, year, "row", "column", value, page, raw, label, label_score, locator
FROM staged_facts
WHERE "table" = 'review'
