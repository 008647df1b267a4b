COMMENT ON COLUMN revisions.old_value IS 'The figure in the old version; NULL when printed blank or absent'
