COMMENT ON COLUMN legacy_facts.locator IS 'A web page''s or Word file''s table cell: ''table T, row R, column C'' (1-based); NULL in a PDF and for prose'
