COMMENT ON COLUMN request_outcomes.requests IS 'Requests with this outcome (总计 column); NULL when printed blank'
