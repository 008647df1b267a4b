COMMENT ON COLUMN proactive_items.label_en IS 'English label'
