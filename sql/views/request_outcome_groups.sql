-- Subtotals of the outcome groups (all 不予公开, all 无法提供, all 不予处理, all 其他处理) per
-- applicant column, with the share of (七)总计 in that column.
CREATE VIEW request_outcome_groups AS
SELECT f.agency, f.year, g.outcome AS outcome_group, g.label_zh, g.label_en, f.applicant,
       sum(f.value) AS requests,
       round(sum(f.value) / nullif(any_value(t.value), 0), 4) AS share
FROM request_facts AS f
JOIN outcomes AS o USING (outcome)
JOIN outcomes AS g ON g.outcome = o.parent
LEFT JOIN request_facts AS t
  ON t.agency = f.agency AND t.year = f.year AND t.outcome = 'total_processed' AND t.applicant = f.applicant
WHERE g.outcome IN ('denied', 'unable', 'not_processed', 'other_handling')
GROUP BY f.agency, f.year, g.outcome, g.label_zh, g.label_en, f.applicant
