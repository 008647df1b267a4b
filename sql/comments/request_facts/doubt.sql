COMMENT ON COLUMN request_facts.doubt IS 'Unreadable scan cell (value NULL): why, e.g. OCR not sure, a rule lost, under a seal; NULL otherwise'
