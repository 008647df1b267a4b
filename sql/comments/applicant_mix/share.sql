COMMENT ON COLUMN applicant_mix.share IS 'new_requests / all new requests (总计 column), rounded to 4 places; NULL when blank or the total is 0'
