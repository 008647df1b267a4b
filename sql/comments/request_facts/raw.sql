COMMENT ON COLUMN request_facts.raw IS 'The cell text as extracted, before parsing (empty for a blank cell); for a table not published, the sentence printed in its place'
