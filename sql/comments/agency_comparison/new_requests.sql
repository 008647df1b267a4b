COMMENT ON COLUMN agency_comparison.new_requests IS '一、本年新收 (总计 column): new requests received in the year'
