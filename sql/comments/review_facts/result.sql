COMMENT ON COLUMN review_facts.result IS 'Column of table 四, a code of results (upheld, corrected, other, pending, total)'
