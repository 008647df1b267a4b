COMMENT ON COLUMN agency_comparison.granted_share IS 'granted / handled, rounded to 4 places; NULL when either is blank or handled is 0'
