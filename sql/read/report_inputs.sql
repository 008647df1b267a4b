SELECT agency, year, staged_digest, staged_stat FROM report_inputs
