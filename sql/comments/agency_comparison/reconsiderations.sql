COMMENT ON COLUMN agency_comparison.reconsiderations IS '行政复议 总计 (table 四): administrative reconsideration cases'
