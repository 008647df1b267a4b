COMMENT ON COLUMN agency_comparison.agency IS 'Publisher code, a row of agencies'
