COMMENT ON COLUMN denial_comparison.requests IS 'Requests denied for this reason; NULL when published blank'
