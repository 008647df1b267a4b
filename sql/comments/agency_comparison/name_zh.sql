COMMENT ON COLUMN agency_comparison.name_zh IS 'The body''s Chinese name (agencies.name_zh)'
