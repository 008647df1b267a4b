-- Bodies of one level compared with another, per year: how many reported, the requests per body,
-- and the outcome shares, reconsideration and litigation rates of the level's requests pooled
-- (each figure added up over the bodies that published both it and its denominator).
CREATE VIEW level_comparison AS
SELECT year, level, count(*) AS bodies,
       sum(new_requests) AS new_requests,
       round(avg(new_requests), 2) AS requests_per_body,
       pooled_rate(granted, handled, 1, 4) AS granted_share,
       pooled_rate(denied, handled, 1, 4) AS denied_share,
       pooled_rate(reconsiderations, new_requests, 100, 2) AS reconsiderations_per_100,
       pooled_rate(litigations, new_requests, 100, 2) AS litigations_per_100,
       list_position(['central', 'provincial', 'prefecture', 'county', 'township'], level) AS sort_order
FROM agency_comparison
GROUP BY year, level
