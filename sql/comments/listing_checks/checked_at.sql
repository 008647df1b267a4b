COMMENT ON COLUMN listing_checks.checked_at IS 'When the listing was read (UTC)'
