COMMENT ON COLUMN outcomes.outcome IS 'Code of the row of table 三 (request_facts.outcome)'
