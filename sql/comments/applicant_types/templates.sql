COMMENT ON COLUMN applicant_types.templates IS 'The national templates that publish the code: 2019, 2021 or 2019;2021 (NULL for a group)'
