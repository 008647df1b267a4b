INSERT INTO harmonised_measures (measure, label_zh, label_en, since_2019, sort_order)
VALUES ($measure, $label_zh, $label_en, nullif($since_2019, ''), $sort_order)
