INSERT INTO agencies (agency, name_zh, name_en, level, kind, region, parent, attributes_source)
SELECT agency, name_zh, name_en, level, kind, region, parent, attributes_source FROM catalog_agencies
