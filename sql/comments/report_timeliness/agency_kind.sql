COMMENT ON COLUMN report_timeliness.agency_kind IS 'agencies.kind: government, department or other (it decides the deadline)'
