COMMENT ON COLUMN request_facts.confidence IS 'Scan cell read by OCR: confidence 0-1 (below 0.9: value NULL, unreadable_cell issue); NULL when not read by OCR'
