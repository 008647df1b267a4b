COMMENT ON COLUMN applicant_mix.agency IS 'Publisher code, a row of agencies (e.g. mfa)'
