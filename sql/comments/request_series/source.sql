COMMENT ON COLUMN request_series.source IS 'Old reports: table or text; 2019+: table 三 or table 四'
