COMMENT ON COLUMN legacy_facts.page IS 'Page of the PDF the figure is on; NULL for a web page or Word file'
