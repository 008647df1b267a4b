COMMENT ON COLUMN denials_by_reason.requests IS 'Requests denied for this reason; NULL when printed blank'
