COMMENT ON COLUMN denials_by_reason.sort_order IS 'Published order of the reason'
