COMMENT ON COLUMN review_facts.proceeding IS 'Row of table 四, a code of proceedings (administrative_review, litigation_direct, litigation_after_review)'
