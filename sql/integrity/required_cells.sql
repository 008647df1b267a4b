-- Every cell its template requires is present in each report of check_scope. required_cells
-- lists them per template and layout (split: the 2021 table 三 prints （六）其他处理 as three
-- sub-rows); a report is split when it published the 总计 cell of one of those sub-rows.
WITH scoped AS (
    SELECT r.agency, r.year, r.template,
           r.template = '2021' AND EXISTS (SELECT 1 FROM request_facts AS f
                   WHERE f.agency = r.agency AND f.year = r.year AND f.applicant = 'total'
                     AND f.outcome LIKE 'other\_handling.%' ESCAPE '\') AS split
    FROM reports AS r
    SEMI JOIN check_scope AS s ON s.agency = r.agency AND s.year = r.year
),
present AS (
    SELECT agency, year, 'requests' AS tbl, outcome AS "row", applicant AS "column"
    FROM request_facts SEMI JOIN check_scope USING (agency, year)
    UNION ALL SELECT agency, year, 'review', proceeding, result FROM review_facts SEMI JOIN check_scope USING (agency, year)
    UNION ALL SELECT agency, year, 'proactive', item, measure FROM proactive_facts SEMI JOIN check_scope USING (agency, year)
),
missing AS (
    SELECT s.agency, s.year, q.tbl, q."row", q."column"
    FROM scoped AS s
    JOIN required_cells AS q ON q.template = s.template AND q.split = s.split
    ANTI JOIN present AS p
      ON p.agency = s.agency AND p.year = s.year AND p.tbl = q.tbl AND p."row" = q."row" AND p."column" = q."column"
)
SELECT agency, year,
       format('{} required cells missing: {}{}', count(*),
              array_to_string(list(tbl || '/' || "row" || '/' || "column" ORDER BY tbl, "row", "column")[1:5], ', '),
              CASE WHEN count(*) > 5 THEN format(' and {} more', count(*) - 5) ELSE '' END) AS problem
FROM missing
GROUP BY agency, year
ORDER BY agency, year
