-- The long series: one row per agency, year and harmonised measure, from the old-style reports
-- (legacy_measures: the crosswalk's figures; a table figure before one stated in the text) and
-- from the 2019/2021 tables 三 and 四 (the totals column). series_break marks the first year of
-- a measure under the national template after years of old-style reports: the definition changes.
CREATE VIEW request_series AS
WITH legacy AS (
    SELECT agency, year, measure, value, unit, 'legacy' AS template, source, comparability
    FROM legacy_measures
    QUALIFY row_number() OVER (PARTITION BY agency, year, measure ORDER BY source = 'text', page, locator) = 1
),
requests AS (
    SELECT f.agency, f.year, r.template,
           sum(f.value) FILTER (WHERE f.outcome = 'new_requests') AS requests_received,
           sum(f.value) FILTER (WHERE f.outcome = 'total_processed') AS requests_answered,
           sum(f.value) FILTER (WHERE f.outcome = 'granted') AS granted,
           sum(f.value) FILTER (WHERE f.outcome = 'partially_granted') AS partially_granted,
           sum(f.value) FILTER (WHERE o.parent = 'denied') AS denied
    FROM request_facts AS f
    JOIN reports AS r USING (agency, year)
    JOIN outcomes AS o USING (outcome)
    WHERE f.applicant = 'total'
    GROUP BY f.agency, f.year, r.template
),
review AS (
    SELECT f.agency, f.year,
           sum(f.value) FILTER (WHERE f.proceeding = 'administrative_review') AS reconsiderations,
           sum(f.value) FILTER (WHERE f.proceeding IN ('litigation_direct', 'litigation_after_review')) AS lawsuits
    FROM review_facts AS f
    WHERE f.result = 'total'
    GROUP BY f.agency, f.year
),
national AS (
    SELECT agency, year, template, measure, value
    FROM (
        SELECT q.agency, q.year, q.template, q.requests_received, q.requests_answered, q.granted, q.partially_granted,
               q.denied, q.requests_answered - q.granted - q.partially_granted - q.denied AS answered_other,
               v.reconsiderations, v.lawsuits
        FROM requests AS q
        LEFT JOIN review AS v USING (agency, year)
    ) UNPIVOT INCLUDE NULLS (value FOR measure IN (requests_received, requests_answered, granted, partially_granted,
                                                   denied, answered_other, reconsiderations, lawsuits))
),
series AS (
    SELECT agency, year, measure, value, unit, template, source, comparability FROM legacy
    UNION ALL
    SELECT n.agency, n.year, n.measure, n.value, '件', n.template,
           CASE WHEN n.measure IN ('reconsiderations', 'lawsuits') THEN 'table 四' ELSE 'table 三' END, NULL
    FROM national AS n
)
SELECT s.agency, s.year, s.measure, m.label_zh, m.label_en, s.value, s.unit, s.template, s.source,
       s.comparability,
       coalesce(s.template <> 'legacy' AND lag(s.template) OVER w = 'legacy', false) AS series_break,
       m.sort_order
FROM series AS s
JOIN harmonised_measures AS m USING (measure)
WINDOW w AS (PARTITION BY s.agency, s.measure ORDER BY s.year)
