COMMENT ON COLUMN checks.description IS 'What the check requires'
