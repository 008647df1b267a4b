-- How the requests handled each year ended: each outcome row of table 三 (总计 column) and its
-- share of (七)总计.
CREATE VIEW request_outcomes AS
SELECT f.agency, f.year, f.outcome, o.parent AS outcome_group, o.label_zh, o.label_en,
       f.value AS requests,
       round(f.value / nullif(t.value, 0), 4) AS share
FROM request_facts AS f
JOIN outcomes AS o USING (outcome)
LEFT JOIN request_facts AS t
  ON t.agency = f.agency AND t.year = f.year AND t.outcome = 'total_processed' AND t.applicant = 'total'
WHERE f.applicant = 'total' AND o.parent IN ('processed', 'denied', 'unable', 'not_processed')
