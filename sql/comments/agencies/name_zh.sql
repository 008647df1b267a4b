COMMENT ON COLUMN agencies.name_zh IS 'Official name in Chinese, e.g. 外交部'
