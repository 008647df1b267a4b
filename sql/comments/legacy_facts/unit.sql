COMMENT ON COLUMN legacy_facts.unit IS 'The unit printed in the unit column or after the figure (件, 条, 万元); NULL when none is printed'
