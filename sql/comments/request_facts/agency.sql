COMMENT ON COLUMN request_facts.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
