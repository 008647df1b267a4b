COMMENT ON COLUMN agency_comparison.litigations IS '行政诉讼 总计 (table 四): litigation without and after reconsideration added up; NULL when either was blank'
