COMMENT ON COLUMN reports.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
