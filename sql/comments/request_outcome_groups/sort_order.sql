COMMENT ON COLUMN request_outcome_groups.sort_order IS 'Published order of the group'
