COMMENT ON TABLE review_facts IS 'Table 四 (administrative reconsideration and litigation): one row per published cell. Key: agency, year, proceeding, result'
