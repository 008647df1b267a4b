-- Cells of scanned reports that OCR could not read with confidence ($min_confidence): their value
-- is NULL, never a guess. One issue per cell, naming it and its page, for the reports in check_scope.
-- A figure read below it that a published sum confirms keeps its value (doubt says which sum): read.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH unreadable AS (
    SELECT agency, year, 'requests' AS "table", outcome AS "row", applicant AS "column", page, raw, confidence, doubt
    FROM request_facts WHERE value IS NULL AND confidence < $min_confidence
    UNION ALL
    SELECT agency, year, 'review', proceeding, result, page, raw, confidence, doubt
    FROM review_facts WHERE value IS NULL AND confidence < $min_confidence
    UNION ALL
    SELECT agency, year, 'proactive', item, measure, page, raw, confidence, doubt
    FROM proactive_facts WHERE value IS NULL AND confidence < $min_confidence
)
SELECT u.agency, u.year, 'unreadable_cell' AS check_name, 'WARN' AS severity,
       u."table" || '.' || u."row" || '.' || u."column" AS subject, NULL AS published, NULL AS computed,
       -- Why, as the extractor said (facts staged before it did: OCR's doubt). OCR's confidence
       -- is told only when it is the cause: a lost rule or a seal sets 0 whatever OCR read.
       format('{} {} × {} on page {}: the figure could not be read: {} (OCR read {}{}); left NULL, and the totals it is part of are not checked',
              u."table", u."row", u."column", u.page, coalesce(u.doubt, 'OCR not sure'), '''' || u.raw || '''',
              CASE WHEN coalesce(u.doubt, 'OCR not sure') = 'OCR not sure'
                   THEN ', confidence ' || round(u.confidence, 2) ELSE '' END) AS message,
       to_json([{'table': u."table", 'row': u."row", 'column': u."column", 'value': NULL, 'page': u.page,
                 'locator': NULL, 'raw': u.raw, 'confidence': u.confidence,
                 'doubt': coalesce(u.doubt, 'OCR not sure')}]) AS cells
FROM unreadable AS u
SEMI JOIN check_scope USING (agency, year)
