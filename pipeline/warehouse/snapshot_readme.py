"""``README.md`` of a snapshot folder, for someone who has only the folder: what is inside, table by
table; how to open it with DuckDB, Python, pandas, R or a spreadsheet; what the values mean; where
the figures come from; what changed since the previous snapshot."""

from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2

README = "README.md"


def _relations(database: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The tables' comments and the views (name, comment) of ``snapshot.duckdb``."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        tables = dict(con.execute("SELECT table_name, coalesce(comment, '') FROM duckdb_tables()").fetchall())
        views = con.execute(
            "SELECT view_name, coalesce(comment, '') FROM duckdb_views() WHERE NOT internal ORDER BY view_name"
        ).fetchall()
    finally:
        con.close()
    return tables, [{"name": name, "comment": comment} for name, comment in views]


def write_readme(folder: Path, manifest: dict, *, database: str, page: bool) -> None:
    """Write ``folder/README.md`` from the snapshot's ``manifest`` and its ``database``'s comments;
    ``page``: the folder holds the dataset page too."""
    comments, views = _relations(folder / database)
    tables = []
    for table, info in manifest["tables"].items():
        partitioned = any("/year=" in f["path"] for f in info["files"])
        path = f"{table}/year=<Y>/data_0.parquet" if partitioned else f"{table}/data_0.parquet"
        tables.append({"path": path, "rows": info["rows"], "comment": comments.get(table, "")})
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.warehouse", "templates"),
        autoescape=False,  # Markdown, not HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    text = env.get_template("snapshot_readme.md.j2").render(
        manifest=manifest,
        changes=manifest["changes"],
        tables=tables,
        views=views,
        reports=len(manifest["reports"]),
        agencies=len({r["agency"] for r in manifest["reports"]}),
        years=sorted({r["year"] for r in manifest["reports"]}),
        page=page,
    )
    (folder / README).write_text(text, encoding="utf-8")
