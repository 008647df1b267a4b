COMMENT ON COLUMN denial_comparison.per_100_handled IS '100 × requests / (七)总计, rounded to 2 places; NULL when either is blank or (七)总计 is 0'
