CREATE TABLE reports (
    agency            VARCHAR NOT NULL,
    year              INTEGER NOT NULL,  -- the year the report covers
    kind              VARCHAR NOT NULL,  -- original (the publisher's file) | replica, reconstruction (bundled sample)
    source_url        VARCHAR,           -- where the file was found; NULL for a replica
    final_url         VARCHAR,           -- after redirects
    sha256            VARCHAR NOT NULL,  -- of the report's bytes (PDF or web page)
    size              BIGINT NOT NULL,
    fetched_at        VARCHAR NOT NULL,  -- ISO-8601 UTC
    template          VARCHAR NOT NULL,  -- national template: 2019 | 2021, or legacy (2008–2018)
    pages             INTEGER NOT NULL,
    table_pages       JSON,              -- pages of tables 二, 三, 四
    notes             JSON,              -- what the extractor noticed
    extractor_version VARCHAR NOT NULL,
    extracted_at      VARCHAR NOT NULL,
    published_on      DATE,              -- when the publisher posted the report; NULL when nothing says
    published_on_source     VARCHAR,     -- where that date was read, as printed
    published_on_confidence VARCHAR      -- stated | listed | metadata | header (pipeline/fetch/published.py)
)
