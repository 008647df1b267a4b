-- Across years: requests carried over into year Y (二) = those carried forward out of Y-1 (四),
-- for the same agency and applicant column, when both reports are loaded.
SELECT cur.agency, cur.year, 'carryover' AS check_name, cur.applicant AS subject,
       cur.value AS published, prev.value AS computed,
       format('requests, column {}: {} carried over into {} but {} carried forward out of {}',
              cur.applicant, regexp_replace(cur.value::VARCHAR, '\.00$', ''), cur.year,
              regexp_replace(prev.value::VARCHAR, '\.00$', ''), prev.year) AS message,
       to_json([
           {'year': prev.year, 'table': 'requests', 'row': prev.outcome, 'column': prev.applicant,
            'value': prev.value, 'page': prev.page, 'locator': prev.locator, 'raw': prev.raw},
           {'year': cur.year, 'table': 'requests', 'row': cur.outcome, 'column': cur.applicant,
            'value': cur.value, 'page': cur.page, 'locator': cur.locator, 'raw': cur.raw}
       ]) AS cells
FROM request_facts AS cur
JOIN request_facts AS prev
  ON prev.agency = cur.agency AND prev.year = cur.year - 1 AND prev.applicant = cur.applicant
 AND prev.outcome = 'carried_forward'
WHERE cur.outcome = 'carried_over'
  AND coalesce(cur.value, 0) <> coalesce(prev.value, 0)
ORDER BY cur.agency, cur.year, subject
