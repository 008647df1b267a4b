COMMENT ON COLUMN reports.sha256 IS 'SHA-256 of the report file''s bytes (hex)'
