CREATE TABLE quality_issues (
    agency     VARCHAR NOT NULL,
    year       INTEGER NOT NULL,
    check_name VARCHAR NOT NULL,  -- e.g. review_total
    severity   VARCHAR NOT NULL,  -- WARN: the figures are kept exactly as published
    subject    VARCHAR NOT NULL,  -- the row or column that does not add up
    published  DECIMAL(18, 2),    -- the total as published
    computed   DECIMAL(18, 2),    -- what its parts add up to
    message    VARCHAR NOT NULL,
    cells      JSON NOT NULL      -- the cells involved, with page and raw text
)
