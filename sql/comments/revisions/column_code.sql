COMMENT ON COLUMN revisions.column_code IS 'The fact''s column code: applicant, result or measure'
