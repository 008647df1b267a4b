COMMENT ON COLUMN legacy_facts.year IS 'The year the report covers'
