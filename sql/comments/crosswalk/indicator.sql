COMMENT ON COLUMN crosswalk.indicator IS 'The label normalised (matches legacy_facts.indicator)'
