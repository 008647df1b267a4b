COMMENT ON COLUMN request_series.agency IS 'The body'
