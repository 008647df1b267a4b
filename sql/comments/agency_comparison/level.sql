COMMENT ON COLUMN agency_comparison.level IS 'agencies.level: central, provincial, prefecture, county or township'
