DELETE FROM proactive_facts USING replaced AS r WHERE proactive_facts.agency = r.agency AND proactive_facts.year = r.year
