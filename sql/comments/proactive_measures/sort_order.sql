COMMENT ON COLUMN proactive_measures.sort_order IS 'Published order (sort by it to list rows as the report prints them)'
