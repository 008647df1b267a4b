COMMENT ON COLUMN legacy_facts.sentence IS 'The whole sentence that states a prose figure; NULL for a table cell'
