COMMENT ON COLUMN report_timeliness.published_on IS 'When the report was published (reports.published_on); NULL when nothing says'
