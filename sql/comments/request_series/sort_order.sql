COMMENT ON COLUMN request_series.sort_order IS 'Order of the measure'
