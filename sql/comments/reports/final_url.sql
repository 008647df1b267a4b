COMMENT ON COLUMN reports.final_url IS 'Address after redirects; NULL for a replica'
