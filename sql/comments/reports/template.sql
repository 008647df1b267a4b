COMMENT ON COLUMN reports.template IS 'National template the report follows: 2019 or 2021'
