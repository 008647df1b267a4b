COMMENT ON COLUMN request_facts.first_seen IS 'Since when the figure has been published as it is (UTC): when the first version that had it was first seen'
