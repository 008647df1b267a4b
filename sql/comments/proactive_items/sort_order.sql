COMMENT ON COLUMN proactive_items.sort_order IS 'Published order (sort by it to list rows as the report prints them)'
