COMMENT ON COLUMN legacy_measures.locator IS 'Web page or Word file cell'
