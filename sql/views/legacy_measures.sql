-- The legacy facts of this year's column that the crosswalk maps onto a harmonised measure, each
-- with its best mapping per measure (one naming its section before one for any section; then
-- crosswalk order). A phrase stating two measures (行政复议、提起行政诉讼) is a row for each.
CREATE VIEW legacy_measures AS
SELECT f.agency, f.year, c.measure, f.value, f.unit, f.source, f.label, f.section, f.page, f.locator, f.raw,
       f.sentence, c.comparability, c.note
FROM legacy_facts AS f
JOIN crosswalk AS c ON c.indicator = f.indicator AND (c.section_key IS NULL OR c.section_key = f.section_key)
WHERE f.period = 'year'
QUALIFY row_number() OVER (PARTITION BY f.agency, f.year, f.source, f.label, f.section, f.page, f.locator, f.raw,
                                        f.sentence, c.measure
                           ORDER BY c.section_key IS NULL, c.sort_order) = 1
