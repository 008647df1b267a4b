COMMENT ON COLUMN proactive_facts.item IS 'Row of table 二, a code of proactive_items (rules, administrative_license...)'
