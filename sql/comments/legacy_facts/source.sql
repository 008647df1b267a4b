COMMENT ON COLUMN legacy_facts.source IS 'table (the statistics table) or text (a sentence of the report)'
