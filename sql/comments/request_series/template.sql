COMMENT ON COLUMN request_series.template IS 'legacy (an old-style report), 2019 or 2021'
