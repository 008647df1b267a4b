COMMENT ON COLUMN region_comparison.new_requests IS 'Their new requests added up (blank cells left out)'
