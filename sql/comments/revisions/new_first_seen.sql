COMMENT ON COLUMN revisions.new_first_seen IS 'When the new version was first seen (UTC)'
