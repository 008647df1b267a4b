COMMENT ON COLUMN reports.notes IS 'JSON list: what the extractor noticed while reading (empty when nothing)'
