COMMENT ON COLUMN request_outcome_groups.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
