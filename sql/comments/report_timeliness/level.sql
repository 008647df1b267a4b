COMMENT ON COLUMN report_timeliness.level IS 'agencies.level: central, provincial, prefecture, county or township'
