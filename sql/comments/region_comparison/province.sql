COMMENT ON COLUMN region_comparison.province IS 'The GB/T 2260 code of the province (two digits and 0000)'
