COMMENT ON COLUMN proactive_measures.templates IS 'The national templates that publish the code: 2019, 2021 or 2019;2021 (NULL for a group)'
