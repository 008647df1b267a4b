COMMENT ON COLUMN results.result IS 'Code of the column of table 四 (review_facts.result)'
