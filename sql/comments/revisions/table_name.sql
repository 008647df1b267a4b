COMMENT ON COLUMN revisions.table_name IS 'requests (table 三, request_facts) | review (table 四, review_facts) | proactive (table 二, proactive_facts)'
