COMMENT ON COLUMN request_facts.outcome IS 'Row of table 三, a code of outcomes (e.g. new_requests, denied.state_secret, total_processed)'
