-- Requests denied (不予公开), by the reason given, per agency and year (总计 column).
CREATE VIEW denials_by_reason AS
SELECT f.agency, f.year, f.outcome AS reason, o.label_zh, o.label_en, f.value AS requests, o.sort_order
FROM request_facts AS f
JOIN outcomes AS o USING (outcome)
WHERE o.parent = 'denied' AND f.applicant = 'total'
