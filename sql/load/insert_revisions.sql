-- The revision logs of the staged reports, computed when each new version was staged.
INSERT INTO revisions
SELECT agency, year, table_name, row_code, column_code, change, old_value, new_value, old_raw, new_raw,
       old_sha256, new_sha256, old_first_seen::TIMESTAMPTZ AT TIME ZONE 'UTC',
       old_last_seen::TIMESTAMPTZ AT TIME ZONE 'UTC', new_first_seen::TIMESTAMPTZ AT TIME ZONE 'UTC'
FROM staged_revisions
