COMMENT ON TABLE harmonised_measures IS 'The measures of the long series (request_series), shared by the old statistics tables and the 2019/2021 template. Key: measure'
