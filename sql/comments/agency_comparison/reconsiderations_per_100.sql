COMMENT ON COLUMN agency_comparison.reconsiderations_per_100 IS '100 × reconsiderations / new_requests, rounded to 2 places; NULL when either is blank or new_requests is 0'
