COMMENT ON COLUMN region_comparison.level IS 'agencies.level: central, provincial, prefecture, county or township'
