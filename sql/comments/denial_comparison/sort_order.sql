COMMENT ON COLUMN denial_comparison.sort_order IS 'The reason''s place in the template'
