COMMENT ON COLUMN review_facts.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
