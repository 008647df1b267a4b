COMMENT ON COLUMN agencies.name_en IS 'Name in English'
