DELETE FROM report_inputs USING replaced AS r WHERE report_inputs.agency = r.agency AND report_inputs.year = r.year
