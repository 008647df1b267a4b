-- Who asked: new requests (一) per applicant type, grouped into natural persons and legal persons
-- or other organizations, with each type's share of all new requests.
CREATE VIEW applicant_mix AS
SELECT f.agency, f.year, f.applicant, coalesce(a.parent, a.applicant) AS applicant_group,
       a.label_zh, a.label_en, f.value AS new_requests,
       round(f.value / nullif(t.value, 0), 4) AS share
FROM request_facts AS f
JOIN applicant_types AS a USING (applicant)
LEFT JOIN request_facts AS t
  ON t.agency = f.agency AND t.year = f.year AND t.outcome = 'new_requests' AND t.applicant = 'total'
WHERE f.outcome = 'new_requests' AND f.applicant <> 'total'
