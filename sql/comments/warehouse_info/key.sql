COMMENT ON COLUMN warehouse_info.key IS 'fingerprint (of every input: staged reports, catalog, codes, SQL, code), code_version or built_at'
