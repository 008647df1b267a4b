COMMENT ON COLUMN proactive_facts.year IS 'The year the report covers (its figures are for 1 January to 31 December)'
