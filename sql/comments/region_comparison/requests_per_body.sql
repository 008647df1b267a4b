COMMENT ON COLUMN region_comparison.requests_per_body IS 'The average of their new_requests (bodies that published it), rounded to 2 places'
