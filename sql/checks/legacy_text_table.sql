-- Old-style reports: a measure stated both in the statistics table and in the text with two
-- different figures. Both are kept as published (legacy_facts); one issue names both, with the
-- cell and the sentence. Recorded for the reports in check_scope.
INSERT INTO quality_issues (agency, year, check_name, severity, subject, published, computed, message, cells)
WITH pairs AS (
    SELECT t.agency, t.year, t.measure, t.value AS table_value, x.value AS text_value, t.label AS table_label,
           t.raw AS table_raw, t.page AS table_page, t.locator AS table_locator, x.label AS text_label, x.raw AS text_raw,
           x.sentence, x.page AS text_page
    FROM legacy_measures AS t
    JOIN legacy_measures AS x ON x.agency = t.agency AND x.year = t.year AND x.measure = t.measure
    SEMI JOIN check_scope AS s ON s.agency = t.agency AND s.year = t.year
    WHERE t.source = 'table' AND x.source = 'text' AND t.value IS DISTINCT FROM x.value
)
SELECT agency, year, 'legacy_text_table' AS check_name, 'WARN' AS severity, measure AS subject,
       table_value AS published, text_value AS computed,
       format('{}: the statistics table prints {} = {} but the text says {} ({})', measure, table_label,
              coalesce(table_raw, ''), text_raw, sentence) AS message,
       to_json([{'source': 'table', 'label': table_label, 'value': table_value, 'page': table_page,
                 'locator': table_locator, 'raw': table_raw},
                {'source': 'text', 'label': text_label, 'value': text_value, 'page': text_page,
                 'raw': text_raw, 'sentence': sentence}]) AS cells
FROM pairs
