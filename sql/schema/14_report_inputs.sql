CREATE TABLE report_inputs (
    agency        VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    staged_digest VARCHAR NOT NULL,  -- sha256 of the staged report record the report was loaded from
    staged_stat   VARCHAR NOT NULL   -- its inode, size and mtime, so an unchanged record is not read again
)
