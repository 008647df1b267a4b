COMMENT ON COLUMN legacy_facts.raw IS 'The cell text as extracted, or the words of the sentence that state the figure (主动公开政府信息2949条)'
