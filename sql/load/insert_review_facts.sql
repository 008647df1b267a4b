INSERT INTO review_facts (agency, year, proceeding, result, value, page, raw, label, label_score)
SELECT agency, year, "row", "column", value, page, raw, label, label_score
FROM staged_facts
WHERE "table" = 'review'
