COMMENT ON COLUMN request_outcomes.share IS 'requests / (七)总计, rounded to 6 places; NULL when either is blank or the total is 0'
