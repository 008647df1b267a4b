COMMENT ON COLUMN request_outcomes.outcome IS 'Outcome row, a code of outcomes'
