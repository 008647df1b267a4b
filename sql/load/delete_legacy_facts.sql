DELETE FROM legacy_facts USING replaced AS r WHERE legacy_facts.agency = r.agency AND legacy_facts.year = r.year
