COMMENT ON COLUMN proactive_facts.locator IS 'Web page cell: ''table T, row R, column C'' (1-based <table>, <tr> and grid column; README explains); NULL for a PDF'
