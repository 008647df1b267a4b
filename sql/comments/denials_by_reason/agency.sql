COMMENT ON COLUMN denials_by_reason.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
