CREATE TABLE warehouse_info (
    key   VARCHAR PRIMARY KEY,  -- fingerprint | code_version | built_at
    value VARCHAR NOT NULL
)
