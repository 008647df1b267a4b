-- Bodies side by side, one row per loaded report: who published it (level, kind, region), how many
-- requests came in and were handled, how they ended (the groups of request_outcome_groups, 总计
-- column, and their shares of (七)总计), and reconsideration and litigation cases (table 四, 总计)
-- per 100 new requests. A figure published blank stays NULL, and so does every rate it enters or
-- whose denominator is zero: nothing is guessed.
CREATE VIEW agency_comparison AS
WITH requests AS (
    SELECT agency, year,
           any_value(value) FILTER (WHERE outcome = 'new_requests') AS new_requests,
           any_value(value) FILTER (WHERE outcome = 'total_processed') AS handled
    FROM request_facts
    WHERE applicant = 'total' AND outcome IN ('new_requests', 'total_processed')
    GROUP BY agency, year
),
groups AS (
    SELECT agency, year,
           any_value(requests) FILTER (WHERE outcome_group = 'granted') AS granted,
           any_value(requests) FILTER (WHERE outcome_group = 'partially_granted') AS partially_granted,
           any_value(requests) FILTER (WHERE outcome_group = 'denied') AS denied,
           any_value(requests) FILTER (WHERE outcome_group = 'unable') AS unable,
           any_value(requests) FILTER (WHERE outcome_group = 'not_processed') AS not_processed,
           any_value(requests) FILTER (WHERE outcome_group = 'other_handling') AS other_handling
    FROM request_outcome_groups
    WHERE applicant = 'total'
    GROUP BY agency, year
),
review AS (
    SELECT agency, year,
           any_value(value) FILTER (WHERE proceeding = 'administrative_review') AS reconsiderations,
           any_value(value) FILTER (WHERE proceeding = 'litigation_direct')
             + any_value(value) FILTER (WHERE proceeding = 'litigation_after_review') AS litigations
    FROM review_facts
    WHERE result = 'total'
    GROUP BY agency, year
)
SELECT r.agency, a.name_zh, a.name_en, a.level, a.kind AS agency_kind, a.region,
       left(a.region, 2) || '0000' AS province, r.year,
       q.new_requests, p.new_requests AS new_requests_year_before, q.handled,
       g.granted, g.partially_granted, g.denied, g.unable, g.not_processed, g.other_handling,
       round(g.granted / nullif(q.handled, 0), 4) AS granted_share,
       round(g.partially_granted / nullif(q.handled, 0), 4) AS partially_granted_share,
       round(g.denied / nullif(q.handled, 0), 4) AS denied_share,
       round(g.unable / nullif(q.handled, 0), 4) AS unable_share,
       round(g.not_processed / nullif(q.handled, 0), 4) AS not_processed_share,
       round(g.other_handling / nullif(q.handled, 0), 4) AS other_handling_share,
       v.reconsiderations, v.litigations,
       round(100 * v.reconsiderations / nullif(q.new_requests, 0), 2) AS reconsiderations_per_100,
       round(100 * v.litigations / nullif(q.new_requests, 0), 2) AS litigations_per_100
FROM reports AS r
JOIN agencies AS a USING (agency)
LEFT JOIN requests AS q ON q.agency = r.agency AND q.year = r.year
LEFT JOIN requests AS p ON p.agency = r.agency AND p.year = r.year - 1
LEFT JOIN groups AS g ON g.agency = r.agency AND g.year = r.year
LEFT JOIN review AS v ON v.agency = r.agency AND v.year = r.year
