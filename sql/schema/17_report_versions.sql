CREATE TABLE report_versions (
    agency     VARCHAR NOT NULL,
    year       INTEGER NOT NULL,
    sha256     VARCHAR NOT NULL,    -- of the file's bytes; the raw store keeps each under objects/
    kind       VARCHAR NOT NULL,    -- original (the publisher's file) | replica, reconstruction (bundled sample)
    format     VARCHAR NOT NULL,    -- pdf | html | docx | doc | rtf | odt | xml | mht
    size       BIGINT NOT NULL,
    source_url VARCHAR,             -- where the file was found; NULL for a bundled sample
    final_url  VARCHAR,             -- after redirects
    first_seen TIMESTAMP NOT NULL,  -- when the file was first fetched (UTC)
    last_seen  TIMESTAMP NOT NULL,  -- when it was last fetched or found unchanged, as of the report's staging (UTC)
    loaded     BOOLEAN NOT NULL,    -- its facts are the report's facts in this warehouse (one version per report)
    failure    VARCHAR              -- why it could not be extracted (the previous version stayed loaded); NULL otherwise
)
