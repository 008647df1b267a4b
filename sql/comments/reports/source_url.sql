COMMENT ON COLUMN reports.source_url IS 'Address the file was found at; NULL for a replica'
