COMMENT ON COLUMN proactive_facts.label IS 'The row label as the report printed it'
