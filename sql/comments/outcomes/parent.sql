COMMENT ON COLUMN outcomes.parent IS 'The group this code belongs to (a row of this table); NULL for a top-level code'
