-- The reports added, revised (another file: its sha256 changed) and removed between two snapshots
-- ($old_reports, $new_reports: their reports' Parquet files), with how many of each report's facts
-- were added, changed and removed ($facts: the fact changes, fact_changes.sql written as Parquet).
WITH old AS (
    SELECT agency, year, sha256, fetched_at, source_url FROM read_parquet($old_reports)
), new AS (
    SELECT agency, year, sha256, fetched_at, source_url FROM read_parquet($new_reports)
), facts AS (
    SELECT agency, year,
           count(*) FILTER (WHERE change = 'added') AS facts_added,
           count(*) FILTER (WHERE change = 'changed') AS facts_changed,
           count(*) FILTER (WHERE change = 'removed') AS facts_removed
    FROM read_parquet($facts)
    GROUP BY agency, year
)
SELECT
    CASE WHEN o.agency IS NULL THEN 'added' WHEN n.agency IS NULL THEN 'removed' ELSE 'revised' END AS change,
    agency, year,
    o.sha256 AS old_sha256, n.sha256 AS new_sha256,
    o.fetched_at AS old_fetched_at, n.fetched_at AS new_fetched_at,
    coalesce(n.source_url, o.source_url) AS source_url,
    coalesce(f.facts_added, 0) AS facts_added,
    coalesce(f.facts_changed, 0) AS facts_changed,
    coalesce(f.facts_removed, 0) AS facts_removed
FROM old AS o
FULL OUTER JOIN new AS n USING (agency, year)
LEFT JOIN facts AS f USING (agency, year)
WHERE o.sha256 IS DISTINCT FROM n.sha256
ORDER BY agency, year
