COMMENT ON COLUMN proactive_facts.page IS 'Page of the report PDF the cell is on (1 = first page); NULL for a web page (see locator)'
