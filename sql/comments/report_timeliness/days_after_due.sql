COMMENT ON COLUMN report_timeliness.days_after_due IS 'published_on - due_date in days: negative when early, 0 on the day, positive when late; NULL when published_on is unknown (never guessed)'
