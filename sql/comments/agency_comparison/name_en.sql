COMMENT ON COLUMN agency_comparison.name_en IS 'The body''s English name (agencies.name_en)'
