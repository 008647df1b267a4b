COMMENT ON COLUMN denial_comparison.agency_kind IS 'agencies.kind: government, department or other (it decides the deadline)'
