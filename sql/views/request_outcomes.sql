-- How the requests handled each year ended: every outcome row of table 三 (总计 column) under
-- (一)…(六), with its share of (七)总计. （六）其他处理 counts once in either form: its own row, or
-- its three 2021 sub-rows when the report prints only those. Shares of a consistent report add up to 1.
CREATE VIEW request_outcomes AS
WITH rows AS (
    SELECT f.agency, f.year, f.outcome, f.value,
           CASE WHEN o.parent = 'processed' THEN o.outcome ELSE o.parent END AS outcome_group,
           o.label_zh, o.label_en, o.sort_order
    FROM request_facts AS f
    JOIN outcomes AS o USING (outcome)
    LEFT JOIN outcomes AS p ON p.outcome = o.parent
    WHERE f.applicant = 'total' AND (o.parent = 'processed' OR p.parent = 'processed')
      AND NOT (o.parent = 'other_handling' AND EXISTS (
          SELECT 1 FROM request_facts AS one
          WHERE one.agency = f.agency AND one.year = f.year AND one.outcome = 'other_handling'))
)
SELECT r.agency, r.year, r.outcome, r.outcome_group, r.label_zh, r.label_en, r.value AS requests,
       round(r.value / nullif(t.value, 0), 6) AS share, r.sort_order
FROM rows AS r
LEFT JOIN request_facts AS t
  ON t.agency = r.agency AND t.year = r.year AND t.outcome = 'total_processed' AND t.applicant = 'total'
