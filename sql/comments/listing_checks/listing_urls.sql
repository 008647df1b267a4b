COMMENT ON COLUMN listing_checks.listing_urls IS 'The listing pages read'
