COMMENT ON COLUMN agency_comparison.region IS 'agencies.region: the GB/T 2260 code of a local body''s division; NULL for a central one'
