COMMENT ON COLUMN request_outcomes.sort_order IS 'Published order of the row'
