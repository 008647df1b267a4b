COMMENT ON COLUMN request_series.label_en IS 'English label of the measure'
