COMMENT ON COLUMN crosswalk.label IS 'The old indicator as the crosswalk names it'
