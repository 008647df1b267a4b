-- The tables and views of the warehouse and their columns, for the data dictionary.
SELECT c.table_name, v.view_name IS NOT NULL AS is_view, c.column_name, c.data_type,
       coalesce(t.comment, v.comment) AS table_comment, c.comment AS column_comment
FROM duckdb_columns() AS c
LEFT JOIN duckdb_tables() AS t
  ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name
LEFT JOIN duckdb_views() AS v
  ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
WHERE c.database_name = current_database() AND c.schema_name = 'main'
ORDER BY is_view, c.table_name, c.column_index
