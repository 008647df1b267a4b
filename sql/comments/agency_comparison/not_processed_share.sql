COMMENT ON COLUMN agency_comparison.not_processed_share IS 'not_processed / handled, rounded to 4 places; NULL when either is blank or handled is 0'
