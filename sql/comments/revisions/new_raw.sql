COMMENT ON COLUMN revisions.new_raw IS 'The new cell''s text as extracted; NULL when absent'
