COMMENT ON COLUMN warehouse_info.value IS 'The value of the key (built_at: ISO-8601 UTC)'
