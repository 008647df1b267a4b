INSERT INTO report_inputs (agency, year, staged_digest, staged_stat)
SELECT agency, year, staged_digest, staged_stat FROM staged_reports
