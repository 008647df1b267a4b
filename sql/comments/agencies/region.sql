COMMENT ON COLUMN agencies.region IS 'GB/T 2260 code of a local body''s administrative division (six digits); NULL for a central body'
