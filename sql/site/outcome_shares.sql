-- How the requests handled ended, in six parts per agency and year (总计 column): 予以公开,
-- 部分公开, and the groups 不予公开, 无法提供, 不予处理, 其他处理 (one row, or its three sub-rows).
SELECT f.agency, f.year,
       CASE WHEN o.parent = 'processed' THEN f.outcome ELSE o.parent END AS part,
       sum(f.value) AS requests
FROM request_facts AS f
JOIN outcomes AS o USING (outcome)
WHERE f.applicant = 'total'
  AND o.parent IN ('processed', 'denied', 'unable', 'not_processed', 'other_handling')
GROUP BY ALL
ORDER BY f.agency, f.year, part
