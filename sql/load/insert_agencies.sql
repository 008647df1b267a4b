INSERT INTO agencies (agency, name_zh, name_en) VALUES ($agency, $name_zh, $name_en)
