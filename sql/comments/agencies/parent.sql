COMMENT ON COLUMN agencies.parent IS 'The government a department belongs to, or the ministry a national bureau is administered by: an agency code, or the name of a body outside the catalog (国务院)'
