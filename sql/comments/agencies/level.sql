COMMENT ON COLUMN agencies.level IS 'Level of government: central, provincial, prefecture, county or township'
