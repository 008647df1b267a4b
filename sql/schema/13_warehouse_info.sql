CREATE TABLE warehouse_info (
    key   VARCHAR PRIMARY KEY,  -- fingerprint | schema | code_version | build (full, incremental) | built_at
    value VARCHAR NOT NULL
)
