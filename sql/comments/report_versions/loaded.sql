COMMENT ON COLUMN report_versions.loaded IS 'True for the version whose facts the warehouse holds (one per report)'
