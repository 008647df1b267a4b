DROP TABLE staged_facts
