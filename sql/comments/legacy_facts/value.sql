COMMENT ON COLUMN legacy_facts.value IS 'The figure as published, in its unit (万元 stays 万元); a sentence saying there were none (未收到…申请) is 0. NULL when printed blank or not a figure'
