COMMENT ON COLUMN request_outcomes.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
