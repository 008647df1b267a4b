COMMENT ON TABLE results IS 'Dimension: the columns of table 四 (upheld, corrected, other, pending, total), with labels in Chinese and English (codes of pipeline/core/codes.csv). Key: result'
