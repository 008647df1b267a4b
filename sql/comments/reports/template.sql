COMMENT ON COLUMN reports.template IS 'National template the report follows: 2019 or 2021; legacy for an old-style report (2008–2018), whose figures are in legacy_facts'
