-- Requests denied (不予公开) by reason and year, all agencies together.
SELECT year, reason, label_zh, label_en, sort_order, sum(requests) AS requests
FROM denials_by_reason
GROUP BY ALL
ORDER BY sort_order, year
