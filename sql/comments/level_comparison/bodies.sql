COMMENT ON COLUMN level_comparison.bodies IS 'The bodies of that level with a report loaded for the year'
