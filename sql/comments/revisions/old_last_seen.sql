COMMENT ON COLUMN revisions.old_last_seen IS 'When the old version was last seen (UTC)'
