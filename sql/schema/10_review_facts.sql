CREATE TABLE review_facts (
    agency      VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    proceeding  VARCHAR NOT NULL,  -- proceedings.proceeding
    result      VARCHAR NOT NULL,  -- results.result
    value       DECIMAL(18, 2),    -- NULL when the cell was published blank
    page        INTEGER,           -- page of the PDF the cell is on; NULL for a web page
    raw         VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    label_score DOUBLE NOT NULL,
    locator     VARCHAR,           -- web page: 'table T, row R, column C'; NULL for a PDF
    confidence  DOUBLE,            -- a scan's cell read by OCR: how sure (0-1); below 0.9 the value is NULL (unreadable) unless a published sum confirms it
    doubt       VARCHAR,           -- an unreadable cell (value NULL): why, e.g. 'OCR not sure', 'under a seal'; a figure kept below 0.9: the sum confirming it; NULL otherwise
    sha256      VARCHAR NOT NULL,   -- the version of the report the figure was read from (report_versions.sha256)
    first_seen  TIMESTAMP NOT NULL, -- since when the figure has been published so (UTC): the first version that had it
    last_seen   TIMESTAMP NOT NULL  -- when the version it was read from was last seen on the publisher's site (UTC)
)
