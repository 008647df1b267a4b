COMMENT ON COLUMN reports.extracted_at IS 'When the facts were extracted, ISO-8601 UTC'
