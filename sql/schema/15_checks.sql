CREATE TABLE checks (
    check_name  VARCHAR PRIMARY KEY,
    parent      VARCHAR,           -- the asset check that reports it (a row of this table), or NULL
    severity    VARCHAR NOT NULL,  -- WARN | ERROR
    recorded_in VARCHAR NOT NULL,  -- quality_issues | overdue_reports | not published
    description VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL
)
