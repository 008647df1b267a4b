DELETE FROM warehouse_info
