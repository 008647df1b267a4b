COMMENT ON COLUMN legacy_facts.period IS 'The column the figure is printed in: year (本年, 本年度, 2015年, 数量), cumulative (累计) or previous_year (上年); a figure stated in the text: year'
