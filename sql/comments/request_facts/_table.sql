COMMENT ON TABLE request_facts IS 'Table 三 (requests for disclosure and how they were handled): one row per published cell. Key: agency, year, outcome, applicant'
