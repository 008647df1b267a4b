INSERT INTO proactive_facts (agency, year, item, measure, value, page, raw, label, label_score)
SELECT agency, year, "row", "column", value, page, raw, label, label_score
FROM staged_facts
WHERE "table" = 'proactive'
