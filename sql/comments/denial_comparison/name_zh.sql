COMMENT ON COLUMN denial_comparison.name_zh IS 'The body''s Chinese name (agencies.name_zh)'
