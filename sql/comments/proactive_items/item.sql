COMMENT ON COLUMN proactive_items.item IS 'Code of the row of table 二 (proactive_facts.item)'
