COMMENT ON COLUMN applicant_types.sort_order IS 'Published order (sort by it to list rows as the report prints them)'
