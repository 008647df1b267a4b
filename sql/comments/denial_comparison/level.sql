COMMENT ON COLUMN denial_comparison.level IS 'agencies.level: central, provincial, prefecture, county or township'
