COMMENT ON COLUMN proactive_measures.measure IS 'Code of the column of table 二 (proactive_facts.measure)'
