COMMENT ON COLUMN request_outcomes.label_en IS 'English label of the outcome'
