COMMENT ON COLUMN denials_by_reason.label_en IS 'English label of the reason'
