COMMENT ON COLUMN request_facts.label IS 'The row label as the report printed it'
