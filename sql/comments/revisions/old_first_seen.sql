COMMENT ON COLUMN revisions.old_first_seen IS 'When the old version was first seen (UTC)'
