COMMENT ON COLUMN request_facts.value IS 'The published figure: a number of requests. NULL when the cell was printed blank or its table not published (doubt); a printed 0 is 0'
