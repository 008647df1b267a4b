COMMENT ON COLUMN denial_comparison.label_en IS 'The reason in English'
