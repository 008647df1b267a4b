COMMENT ON COLUMN revisions.old_raw IS 'The old cell''s text as extracted; NULL when absent'
