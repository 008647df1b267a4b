COMMENT ON COLUMN request_series.label_zh IS 'Chinese label of the measure'
