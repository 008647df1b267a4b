COMMENT ON COLUMN proceedings.proceeding IS 'Code of the row of table 四 (review_facts.proceeding)'
