COMMENT ON COLUMN harmonised_measures.label_zh IS 'Chinese label'
