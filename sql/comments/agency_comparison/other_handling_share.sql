COMMENT ON COLUMN agency_comparison.other_handling_share IS 'other_handling / handled, rounded to 4 places; NULL when either is blank or handled is 0'
