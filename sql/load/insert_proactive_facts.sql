INSERT INTO proactive_facts (agency, year, item, measure, value, page, raw, label, label_score, locator)
SELECT agency, year, "row", "column", value, page, raw, label, label_score, locator
FROM staged_facts
WHERE "table" = 'proactive'
