COMMENT ON COLUMN agency_comparison.unable_share IS 'unable / handled, rounded to 4 places; NULL when either is blank or handled is 0'
