-- The cells that changed each time one report's loaded version changed ($agency, $year).
SELECT old_sha256, new_sha256, table_name, row_code, column_code, change, old_value, new_value, old_raw, new_raw
FROM revisions
WHERE agency = $agency AND year = $year
ORDER BY new_first_seen, table_name, row_code, column_code
