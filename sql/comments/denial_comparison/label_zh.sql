COMMENT ON COLUMN denial_comparison.label_zh IS 'The reason as the template prints it'
