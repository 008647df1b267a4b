INSERT INTO proactive_facts (agency, year, item, measure, value, page, raw, label, label_score, locator, confidence)
SELECT agency, year, "row", "column", value, page, raw, label, label_score, locator, confidence
FROM staged_facts
WHERE "table" = 'proactive'
