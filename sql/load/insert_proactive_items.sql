INSERT INTO proactive_items (item, parent, label_zh, label_en, is_group, templates, sort_order)
SELECT code, parent, label_zh, label_en, is_group, templates, sort_order FROM dimension_rows
