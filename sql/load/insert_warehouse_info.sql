INSERT INTO warehouse_info (key, value) VALUES ($key, $value)
