COMMENT ON COLUMN results.is_group IS 'True for a group of codes that is not itself a published row or column (e.g. denied); its figures are the sum of its members'
