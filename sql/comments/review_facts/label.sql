COMMENT ON COLUMN review_facts.label IS 'The row label as the report printed it'
