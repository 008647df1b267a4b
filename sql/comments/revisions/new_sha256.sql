COMMENT ON COLUMN revisions.new_sha256 IS 'The version that replaced it'
