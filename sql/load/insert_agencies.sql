INSERT INTO agencies (agency, name_zh, name_en) SELECT agency, name_zh, name_en FROM catalog_agencies
