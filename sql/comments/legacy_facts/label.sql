COMMENT ON COLUMN legacy_facts.label IS 'The indicator as printed (with its numbering); a prose figure: the words of the sentence that name it'
