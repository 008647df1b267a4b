COMMENT ON COLUMN level_comparison.level IS 'agencies.level: central, provincial, prefecture, county or township'
