COMMENT ON COLUMN reports.table_pages IS 'JSON: the pages tables 二 (proactive), 三 (requests) and 四 (review) are on'
