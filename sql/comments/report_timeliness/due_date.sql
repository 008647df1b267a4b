COMMENT ON COLUMN report_timeliness.due_date IS 'The legal deadline: report_due_date(agency_kind, year) (31 March of the next year for a government, 31 January for the others; 政府信息公开条例 art. 49)'
