COMMENT ON COLUMN reports.kind IS 'original (the publisher''s file) or replica (the bundled sample, rendered from the published figures)'
