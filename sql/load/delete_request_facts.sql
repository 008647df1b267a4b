DELETE FROM request_facts USING replaced AS r WHERE request_facts.agency = r.agency AND request_facts.year = r.year
