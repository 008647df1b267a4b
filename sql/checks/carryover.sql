-- Across years: requests carried over into year Y (二) = those carried forward out of Y-1 (四),
-- for the same agency and applicant column, when both reports are loaded.
-- Recorded for the reports of year Y in check_scope (every report, or those a build changed and
-- the years after them).
-- A cell OCR could not read (confidence below $min_confidence, value NULL) is not compared, never taken for 0;
-- nor is a cell of a table not published (doubt = $not_published: a sentence printed in its place).
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
SELECT cur.agency, cur.year, 'carryover' AS check_name, 'WARN' AS severity, cur.applicant AS subject,
       cur.value AS published, prev.value AS computed,
       -- A cell published blank is said so (a NULL would make the whole message NULL).
       format('requests, column {}: {} carried over into {} but {} carried forward out of {}',
              cur.applicant, coalesce(regexp_replace(cur.value::VARCHAR, '\.00$', ''), 'blank'), cur.year,
              coalesce(regexp_replace(prev.value::VARCHAR, '\.00$', ''), 'blank'), prev.year) AS message,
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
  AND coalesce(cur.value, 0) <> coalesce(prev.value, 0)
  AND (cur.value IS NOT NULL OR coalesce(cur.confidence, 1) >= $min_confidence AND cur.doubt IS DISTINCT FROM $not_published)
  AND (prev.value IS NOT NULL OR coalesce(prev.confidence, 1) >= $min_confidence AND prev.doubt IS DISTINCT FROM $not_published)
