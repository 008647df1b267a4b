COMMENT ON TABLE report_inputs IS 'One row per loaded report: the staged record it was loaded from, which the next build compares to load only reports that changed. Key: agency, year'
