CREATE TABLE revisions (
    agency         VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    table_name     VARCHAR NOT NULL,   -- requests (table 三) | review (table 四) | proactive (table 二)
    row_code       VARCHAR NOT NULL,   -- the fact's row code (outcome, proceeding or item)
    column_code    VARCHAR NOT NULL,   -- the fact's column code (applicant, result or measure)
    change         VARCHAR NOT NULL,   -- changed | added (only the new version has the cell) | removed
    old_value      DECIMAL(18, 2),     -- NULL when blank or absent in the old version
    new_value      DECIMAL(18, 2),
    old_raw        VARCHAR,            -- the cell text as extracted; NULL when absent
    new_raw        VARCHAR,
    old_sha256     VARCHAR NOT NULL,   -- the version loaded before (report_versions.sha256)
    new_sha256     VARCHAR NOT NULL,   -- the version that replaced it
    old_first_seen TIMESTAMP NOT NULL, -- when the old version was first seen (UTC)
    old_last_seen  TIMESTAMP NOT NULL, -- when it was last seen
    new_first_seen TIMESTAMP NOT NULL  -- when the new version was first seen
)
