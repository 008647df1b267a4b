-- Table 三: 一 + 二 (received and carried over) = (七)总计 + 四 (handled and carried forward),
-- in every applicant column.
WITH sides AS (
    SELECT agency, year, applicant,
           sum(coalesce(value, 0)) FILTER (WHERE outcome IN ('total_processed', 'carried_forward')) AS published,
           sum(coalesce(value, 0)) FILTER (WHERE outcome IN ('new_requests', 'carried_over')) AS computed,
           list({'table': 'requests', 'row': outcome, 'column': applicant, 'value': value, 'page': page, 'locator': locator, 'raw': raw}
                ORDER BY outcome) AS cells
    FROM request_facts
    WHERE outcome IN ('new_requests', 'carried_over', 'total_processed', 'carried_forward')
    GROUP BY agency, year, applicant
)
SELECT agency, year, 'requests_balance' AS check_name, applicant AS subject, published, computed,
       format('requests, column {}: (七)总计 + 四 = {} but 一 + 二 = {}',
              applicant, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
ORDER BY agency, year, subject
