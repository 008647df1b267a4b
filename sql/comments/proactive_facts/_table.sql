COMMENT ON TABLE proactive_facts IS 'Table 二 (proactive disclosure): one row per published cell. Key: agency, year, item, measure'
