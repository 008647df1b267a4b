COMMENT ON COLUMN crosswalk.within_label IS 'The section the mapping is restricted to (其他类型 is a reply only under 对申请的答复总数), as named; NULL: any section'
