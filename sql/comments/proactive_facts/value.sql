COMMENT ON COLUMN proactive_facts.value IS 'The published figure: a count, or an amount in yuan (a fee printed in 万元 is stored ×10,000). NULL when the cell was printed blank; a printed 0 is 0'
