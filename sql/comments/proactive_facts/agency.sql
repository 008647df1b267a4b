COMMENT ON COLUMN proactive_facts.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
