COMMENT ON COLUMN request_outcomes.label_zh IS 'Label of the outcome as published'
