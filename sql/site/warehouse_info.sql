-- The build the warehouse comes from (fingerprint, code version, build time).
SELECT key, value
FROM warehouse_info
