COMMENT ON COLUMN checks.sort_order IS 'Order of presentation (asset check, then its checks)'
