COMMENT ON COLUMN checks.parent IS 'The asset check that reports it; NULL for an asset check itself'
