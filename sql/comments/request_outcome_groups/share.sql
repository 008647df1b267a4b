COMMENT ON COLUMN request_outcome_groups.share IS 'requests / (七)总计 of the same column, rounded to 4 places; NULL when blank or the total is 0'
