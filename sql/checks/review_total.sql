-- Table 四: for 行政复议 and both kinds of 行政诉讼, 总计 = the sum of the results.
WITH sides AS (
    SELECT agency, year, proceeding,
           sum(coalesce(value, 0)) FILTER (WHERE result = 'total') AS published,
           sum(coalesce(value, 0)) FILTER (WHERE result <> 'total') AS computed,
           list({'table': 'review', 'row': proceeding, 'column': result, 'value': value, 'page': page, 'locator': locator, 'raw': raw}
                ORDER BY result) AS cells
    FROM review_facts
    GROUP BY agency, year, proceeding
)
SELECT agency, year, 'review_total' AS check_name, proceeding AS subject, published, computed,
       format('review, {}: 总计 = {} but the results add up to {}',
              proceeding, regexp_replace(published::VARCHAR, '\.00$', ''), regexp_replace(computed::VARCHAR, '\.00$', '')) AS message,
       to_json(cells) AS cells
FROM sides
WHERE published <> computed
ORDER BY agency, year, subject
