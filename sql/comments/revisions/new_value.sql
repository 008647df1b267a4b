COMMENT ON COLUMN revisions.new_value IS 'The figure in the new version; NULL when printed blank or absent'
