COMMENT ON COLUMN legacy_facts.agency IS 'The body (agencies.agency)'
