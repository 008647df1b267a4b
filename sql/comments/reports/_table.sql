COMMENT ON TABLE reports IS 'One row per loaded report: where its file came from and how it was read (provenance of every fact). Key: agency, year'
