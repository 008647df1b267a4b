DELETE FROM review_facts USING replaced AS r WHERE review_facts.agency = r.agency AND review_facts.year = r.year
