-- Table 三: the 总计 column = the sum of the applicant columns, in every row.
WITH sides AS (
    SELECT agency, year, outcome,
           sum(coalesce(value, 0)) FILTER (WHERE applicant = 'total') AS published,
           sum(coalesce(value, 0)) FILTER (WHERE applicant <> 'total') AS computed,
           list({'table': 'requests', 'row': outcome, 'column': applicant, 'value': value, 'page': page, 'locator': locator, 'raw': raw}
                ORDER BY applicant) AS cells
    FROM request_facts
    GROUP BY agency, year, outcome
)
SELECT agency, year, 'requests_applicant_total' AS check_name, outcome AS subject, published, computed,
       format('requests, row {}: 总计 = {} but the applicant columns add up to {}',
              outcome, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
ORDER BY agency, year, subject
