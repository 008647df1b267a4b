COMMENT ON COLUMN crosswalk.citation IS 'The national or provincial notice that set the old indicator; NULL until cited'
