COMMENT ON COLUMN harmonised_measures.sort_order IS 'Order of presentation'
