-- Every publisher of the catalog, loaded or not, the central bodies first.
SELECT agency, name_zh, name_en, level
FROM agencies
ORDER BY list_position(['central', 'provincial', 'prefecture', 'county', 'township'], level), agency
