CREATE TABLE listing_checks (
    agency       VARCHAR NOT NULL,    -- agencies.agency
    checked_at   TIMESTAMP NOT NULL,  -- when the listing was last read (UTC)
    listing_urls VARCHAR[] NOT NULL,  -- the pages read
    years_found  INTEGER[] NOT NULL   -- the report years the listing showed
)
