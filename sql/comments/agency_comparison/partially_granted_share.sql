COMMENT ON COLUMN agency_comparison.partially_granted_share IS 'partially_granted / handled, rounded to 4 places; NULL when either is blank or handled is 0'
