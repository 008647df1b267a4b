COMMENT ON COLUMN legacy_facts.section_key IS 'section normalised like indicator: what a crosswalk mapping restricted to a section matches'
