COMMENT ON COLUMN request_outcome_groups.label_zh IS 'Label of the group as published'
