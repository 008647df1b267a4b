COMMENT ON COLUMN agency_comparison.denied_share IS 'denied / handled, rounded to 4 places; NULL when either is blank or handled is 0'
