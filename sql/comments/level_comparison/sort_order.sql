COMMENT ON COLUMN level_comparison.sort_order IS 'Central first, township last'
