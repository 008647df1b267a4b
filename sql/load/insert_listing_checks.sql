INSERT INTO listing_checks (agency, checked_at, listing_urls, years_found)
SELECT agency, checked_at::TIMESTAMPTZ AT TIME ZONE 'UTC', listing_urls, years_found FROM catalog_listing_checks
