COMMENT ON COLUMN proactive_facts.raw IS 'The cell text as extracted, before parsing (empty for a blank cell)'
