DELETE FROM revisions USING replaced AS r WHERE revisions.agency = r.agency AND revisions.year = r.year
