COMMENT ON COLUMN listing_checks.years_found IS 'The report years the listing showed a report for'
