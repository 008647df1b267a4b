COMMENT ON COLUMN crosswalk.sort_order IS 'Order of the CSV: among mappings of one indicator, the first applies'
