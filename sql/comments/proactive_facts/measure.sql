COMMENT ON COLUMN proactive_facts.measure IS 'Column of table 二, a code of proactive_measures (issued, in_force, decisions, fee_amount_yuan...)'
