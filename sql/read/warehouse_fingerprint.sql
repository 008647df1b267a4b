SELECT value FROM warehouse_info WHERE key = 'fingerprint'
