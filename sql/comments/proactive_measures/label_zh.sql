COMMENT ON COLUMN proactive_measures.label_zh IS 'Label as published; ''a / b'' gives the 2019 and the 2021 template wordings'
