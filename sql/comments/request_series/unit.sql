COMMENT ON COLUMN request_series.unit IS 'Its unit (件 for the 2019+ tables)'
