-- Local bodies compared by province (the first two digits of their GB/T 2260 division code), per
-- year and level, pooled as in level_comparison. Central bodies (no region) are left out.
CREATE VIEW region_comparison AS
SELECT year, province, level, count(*) AS bodies,
       sum(new_requests) AS new_requests,
       round(avg(new_requests), 2) AS requests_per_body,
       round(sum(granted) / nullif(sum(handled) FILTER (WHERE granted IS NOT NULL), 0), 4) AS granted_share,
       round(sum(denied) / nullif(sum(handled) FILTER (WHERE denied IS NOT NULL), 0), 4) AS denied_share,
       round(100 * sum(reconsiderations)
             / nullif(sum(new_requests) FILTER (WHERE reconsiderations IS NOT NULL), 0), 2) AS reconsiderations_per_100,
       round(100 * sum(litigations)
             / nullif(sum(new_requests) FILTER (WHERE litigations IS NOT NULL), 0), 2) AS litigations_per_100
FROM agency_comparison
WHERE province IS NOT NULL
GROUP BY year, province, level
