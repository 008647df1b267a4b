COMMENT ON COLUMN agency_comparison.province IS 'The province of region: its first two digits followed by 0000 (GB/T 2260); NULL for a central body'
