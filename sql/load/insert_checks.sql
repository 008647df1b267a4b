INSERT INTO checks (check_name, parent, severity, recorded_in, description, sort_order)
VALUES ($check_name, $parent, $severity, $recorded_in, $description, $sort_order)
