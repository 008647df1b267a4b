COMMENT ON COLUMN report_versions.failure IS 'Why the version could not be extracted (the version before it stayed loaded); NULL otherwise'
