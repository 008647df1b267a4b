INSERT INTO reports
SELECT agency, year, kind, source_url, final_url, sha256, size, fetched_at, template, pages,
       table_pages, notes, extractor_version, extracted_at,
       published_on::DATE, published_on_source, published_on_confidence
FROM staged_reports
