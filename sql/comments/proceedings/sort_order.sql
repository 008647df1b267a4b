COMMENT ON COLUMN proceedings.sort_order IS 'Published order (sort by it to list rows as the report prints them)'
