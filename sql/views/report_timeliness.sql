-- How promptly each loaded report was published: its legal deadline (report_due_date, from the
-- body's kind), the day it was published (reports.published_on) and the days between them,
-- negative when early. Unknown when nothing says when the report was published: NULL, never guessed.
CREATE VIEW report_timeliness AS
SELECT r.agency, a.name_zh, a.level, a.kind AS agency_kind, a.region, r.year,
       report_due_date(a.kind, r.year) AS due_date,
       r.published_on, r.published_on_confidence,
       (r.published_on - report_due_date(a.kind, r.year))::INTEGER AS days_after_due,
       r.published_on <= report_due_date(a.kind, r.year) AS on_time
FROM reports AS r
JOIN agencies AS a USING (agency)
