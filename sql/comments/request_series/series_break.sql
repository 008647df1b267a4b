COMMENT ON COLUMN request_series.series_break IS 'True on the first year of a measure under the national template after old-style years: the definition changes there, compare across it with care'
