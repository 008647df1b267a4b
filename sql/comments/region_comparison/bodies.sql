COMMENT ON COLUMN region_comparison.bodies IS 'The bodies of that province and level with a report loaded for the year'
