-- The reports overdue today (China Standard Time): what the report_freshness check warns about.
CREATE VIEW overdue_reports AS
SELECT * FROM overdue_reports_on((now() AT TIME ZONE 'Asia/Shanghai')::DATE)
