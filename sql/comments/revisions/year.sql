COMMENT ON COLUMN revisions.year IS 'The year the report covers'
