COMMENT ON COLUMN crosswalk.comparability IS 'same (one definition), close (small definitional differences), partial (the boundary moved), legacy only (no 2019+ counterpart)'
