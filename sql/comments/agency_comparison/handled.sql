COMMENT ON COLUMN agency_comparison.handled IS '(七)总计 (总计 column): requests handled in the year, the denominator of the shares'
