COMMENT ON COLUMN denial_comparison.reason IS 'The reason, an outcome code under denied (outcomes.outcome)'
