COMMENT ON COLUMN listing_checks.agency IS 'Publisher code, a row of agencies'
