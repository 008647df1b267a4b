-- Every body's loaded reports side by side (the cross-agency chart and its CSV).
SELECT *
FROM agency_comparison
ORDER BY agency, year
