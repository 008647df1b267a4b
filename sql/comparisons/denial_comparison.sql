-- Why bodies deny requests, side by side: each reason's requests (总计 column), its share of the
-- body's denials that year and per 100 requests it handled. The share is NULL when a reason was
-- published blank that year (the denials' total is then unknown), a rate when its denominator is
-- zero or blank.
CREATE VIEW denial_comparison AS
SELECT d.agency, a.name_zh, a.level, a.kind AS agency_kind, a.region, d.year, d.reason, d.label_zh, d.label_en,
       d.requests,
       CASE WHEN count(*) OVER w = count(d.requests) OVER w
            THEN round(d.requests / nullif(sum(d.requests) OVER w, 0), 4) END AS share_of_denials,
       round(100 * d.requests / nullif(h.value, 0), 2) AS per_100_handled,
       d.sort_order
FROM denials_by_reason AS d
JOIN agencies AS a USING (agency)
LEFT JOIN request_facts AS h
  ON h.agency = d.agency AND h.year = d.year AND h.outcome = 'total_processed' AND h.applicant = 'total'
WINDOW w AS (PARTITION BY d.agency, d.year)
