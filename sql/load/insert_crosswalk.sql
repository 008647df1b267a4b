INSERT INTO crosswalk (label, indicator, within_label, section_key, measure, comparability, note, citation, sort_order)
VALUES ($label, $indicator, nullif($within, ''), nullif($section_key, ''), $measure, $comparability, $note,
        nullif($citation, ''), $sort_order)
