COMMENT ON COLUMN request_outcome_groups.requests IS 'Sum of the group''s rows in this column (blank cells absent; NULL when all are blank)'
