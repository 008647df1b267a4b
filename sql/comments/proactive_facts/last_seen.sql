COMMENT ON COLUMN proactive_facts.last_seen IS 'When the version it was read from was last seen (UTC), as of the report''s last staging'
