COMMENT ON TABLE agencies IS 'Publisher: the government body whose annual reports are loaded (from data/catalog.yaml). Key: agency'
