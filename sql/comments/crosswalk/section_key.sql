COMMENT ON COLUMN crosswalk.section_key IS 'within_label normalised (matches legacy_facts.section_key); NULL: any section'
