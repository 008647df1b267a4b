COMMENT ON COLUMN report_timeliness.name_zh IS 'The body''s Chinese name (agencies.name_zh)'
