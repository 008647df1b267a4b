COMMENT ON COLUMN revisions.change IS 'changed | added (only the new version has the cell) | removed (only the old one had it)'
