COMMENT ON COLUMN report_inputs.staged_digest IS 'SHA-256 of the staged report record (data/staging) the report was loaded from'
