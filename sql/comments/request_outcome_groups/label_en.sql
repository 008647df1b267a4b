COMMENT ON COLUMN request_outcome_groups.label_en IS 'English label of the group'
