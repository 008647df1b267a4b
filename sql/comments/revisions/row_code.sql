COMMENT ON COLUMN revisions.row_code IS 'The fact''s row code: outcome, proceeding or item'
