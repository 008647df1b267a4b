COMMENT ON COLUMN revisions.agency IS 'agencies.agency'
