-- Subtotals of the six outcome groups of table 三, （一）予以公开 to （六）其他处理, per applicant
-- column, with the share of (七)总计 in that column. A group is its own row ((一), (二), and (六)
-- when printed as one row) or the sum of its numbered rows ((三), (四), (五), and (六) when the 2021
-- report prints its three sub-rows). The groups of a consistent report add up to (七)总计.
CREATE VIEW request_outcome_groups AS
WITH rows AS (
    SELECT f.agency, f.year, f.applicant, f.value,
           CASE WHEN o.parent = 'processed' THEN o.outcome ELSE o.parent END AS outcome_group
    FROM request_facts AS f
    JOIN outcomes AS o USING (outcome)
    LEFT JOIN outcomes AS p ON p.outcome = o.parent
    WHERE (o.parent = 'processed' OR p.parent = 'processed')
      AND NOT (o.parent = 'other_handling' AND EXISTS (
          SELECT 1 FROM request_facts AS one
          WHERE one.agency = f.agency AND one.year = f.year AND one.outcome = 'other_handling'
            AND one.applicant = f.applicant))
)
SELECT r.agency, r.year, r.outcome_group, g.label_zh, g.label_en, r.applicant,
       sum(r.value) AS requests,
       round(sum(r.value) / nullif(any_value(t.value), 0), 4) AS share, g.sort_order
FROM rows AS r
JOIN outcomes AS g ON g.outcome = r.outcome_group
LEFT JOIN request_facts AS t
  ON t.agency = r.agency AND t.year = r.year AND t.outcome = 'total_processed' AND t.applicant = r.applicant
GROUP BY r.agency, r.year, r.outcome_group, g.label_zh, g.label_en, r.applicant, g.sort_order
