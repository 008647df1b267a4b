INSERT INTO reports
SELECT agency, year, kind, source_url, final_url, sha256, size, fetched_at, template, pages,
       table_pages, notes, extractor_version, extracted_at
FROM staged_reports
