DELETE FROM listing_checks
