COMMENT ON COLUMN report_timeliness.published_on_confidence IS 'How sure published_on is: stated, listed, metadata or header (reports.published_on_confidence)'
