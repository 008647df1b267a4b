COMMENT ON COLUMN crosswalk.note IS 'How the old indicator compares with the 2019+ figure, and why'
