COMMENT ON COLUMN checks.severity IS 'WARN (figures kept as published, failure recorded) or ERROR (the new warehouse is not published)'
