-- Across years: requests carried over into year Y (二) = those carried forward out of Y-1 (四),
-- for the same agency and applicant column, when both reports are loaded.
-- Recorded for the reports of year Y in check_scope (every report, or those a build changed and
-- the years after them).
-- Only figures printed on both sides are compared: a cell published blank, one OCR could not read or
-- one of a table not published (value NULL each) is never taken for 0, as in the sum checks.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
SELECT cur.agency, cur.year, 'carryover' AS check_name, 'WARN' AS severity, cur.applicant AS subject,
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
SEMI JOIN check_scope AS s ON s.agency = cur.agency AND s.year = cur.year
JOIN request_facts AS prev
  ON prev.agency = cur.agency AND prev.year = cur.year - 1 AND prev.applicant = cur.applicant
 AND prev.outcome = 'carried_forward'
WHERE cur.outcome = 'carried_over'
  AND cur.value <> prev.value  -- false when either is NULL
