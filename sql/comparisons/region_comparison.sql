-- Local bodies compared by province (the first two digits of their GB/T 2260 division code), per
-- year and level, pooled as in level_comparison. Central bodies (no region) are left out.
CREATE VIEW region_comparison AS
SELECT year, province, level, count(*) AS bodies,
       sum(new_requests) AS new_requests,
       round(avg(new_requests), 2) AS requests_per_body,
       pooled_rate(granted, handled, 1, 4) AS granted_share,
       pooled_rate(denied, handled, 1, 4) AS denied_share,
       pooled_rate(reconsiderations, new_requests, 100, 2) AS reconsiderations_per_100,
       pooled_rate(litigations, new_requests, 100, 2) AS litigations_per_100
FROM agency_comparison
WHERE province IS NOT NULL
GROUP BY year, province, level
