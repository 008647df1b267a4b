-- Every publisher of the catalog, loaded or not.
SELECT agency, name_zh, name_en
FROM agencies
ORDER BY agency
