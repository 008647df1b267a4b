COMMENT ON COLUMN denial_comparison.agency IS 'Publisher code, a row of agencies'
