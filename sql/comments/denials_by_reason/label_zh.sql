COMMENT ON COLUMN denials_by_reason.label_zh IS 'Label of the reason as published'
