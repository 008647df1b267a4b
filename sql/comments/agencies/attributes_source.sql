COMMENT ON COLUMN agencies.attributes_source IS 'Where level, kind, region and parent come from, when the name does not say'
