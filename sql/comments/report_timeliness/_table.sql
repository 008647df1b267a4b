COMMENT ON VIEW report_timeliness IS 'How promptly each loaded report was published: its legal deadline, its publication date and the days between. Key: agency, year'
