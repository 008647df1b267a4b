COMMENT ON COLUMN request_series.comparability IS 'Old reports: how comparable the crosswalk says the indicator is with the 2019+ figure; NULL for 2019+ rows'
