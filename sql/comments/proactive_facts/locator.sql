COMMENT ON COLUMN proactive_facts.locator IS 'Web page cell: ''table T, row R, column C'', 1-based: T-th <table>, R-th <tr>, grid column once spans are expanded; NULL for a PDF'
