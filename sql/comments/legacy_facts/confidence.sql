COMMENT ON COLUMN legacy_facts.confidence IS 'A scan''s cell read by OCR: how sure (0-1); NULL otherwise'
