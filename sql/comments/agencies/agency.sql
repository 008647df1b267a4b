COMMENT ON COLUMN agencies.agency IS 'Publisher code used in every other table, e.g. mfa'
