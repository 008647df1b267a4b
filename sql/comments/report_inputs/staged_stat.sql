COMMENT ON COLUMN report_inputs.staged_stat IS 'Inode, size and modification time of that record, so that an unchanged record is not read again'
