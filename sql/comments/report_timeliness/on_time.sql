COMMENT ON COLUMN report_timeliness.on_time IS 'published_on is on or before due_date; NULL when published_on is unknown'
