COMMENT ON TABLE warehouse_info IS 'How this warehouse file was built. Key: key'
