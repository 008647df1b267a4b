COMMENT ON COLUMN request_facts.locator IS 'Web page cell: ''table T, row R, column C'' (1-based <table>, <tr> and grid column; docs/web-pages.md explains); NULL for a PDF'
