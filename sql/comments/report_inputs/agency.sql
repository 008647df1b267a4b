COMMENT ON COLUMN report_inputs.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
