COMMENT ON COLUMN request_facts.raw IS 'The cell text as extracted, before parsing (empty for a blank cell)'
