"""A report's content as a web page, printed to PDF by a browser engine.

Many publishers post the report as a web page and the PDF on file is that page printed by a
browser. Their tables are often ``<table border="1" cellspacing="1">``: every cell is its own
box with a gap to its neighbours inside the table's outer box (double rules), or
``<table border="0">``, no rules at all (the ``no_rules`` layout class). ``report_html``
writes such a page from the same grids as the fpdf2 replica; ``print_pdf`` prints it with
headless Chromium (``chromium.py``) or WeasyPrint, the two producers of the tests. (``webpage.py``
writes whole article pages, site chrome and all; this is the report alone, as printed.)
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from pipeline.replica import chromium
from pipeline.replica.content import ReportContent
from pipeline.replica.table_grids import Grid, proactive_grid, requests_grid, review_grid

PRODUCERS = ("chromium", "weasyprint")
_STYLE = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans CJK", sans-serif; font-size: 10.5pt; }
h1 { font-size: 16pt; text-align: center; }
p { text-indent: 2em; line-height: 1.6; text-align: justify; }
table { table-layout: fixed; }
tr { break-inside: avoid; }
tr.keep { break-after: avoid; }
td { text-align: center; font-size: 9pt; padding: 2px; }
td.label { text-align: left; }
td.figure { letter-spacing: 0.2em; white-space: nowrap; }  /* digits set apart, each its own glyph run */
table.single { border-collapse: collapse; }
table.single td { border: 0.75pt solid black; }
"""


def _table(grid: Grid, borders: str, split_digits: bool) -> str:
    rows: dict[int, list[str]] = {r: [] for r in range(grid.nrows)}
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
            f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
        )
        css = ' class="label"' if cell.align == "L" else ' class="figure"' if cell.numeric and split_digits else ""
        text = html.escape(cell.text).replace("\n", "<br>")
        rows[cell.row].append(f"<td{css}{spans}>{'<b>' + text + '</b>' if cell.bold else text}</td>")
    # The header rows stay together with the first body row, as the fpdf2 replica keeps them.
    body = "\n".join(
        f"<tr{' class=keep' if r < grid.keep - 1 else ''}>{''.join(cells)}</tr>" for r, cells in rows.items()
    )
    widths = "".join(f'<col style="width:{w / sum(grid.widths) * 100:.2f}%">' for w in grid.widths)
    return f'<table {borders} width="100%"><colgroup>{widths}</colgroup>\n{body}\n</table>'


def report_html(content: ReportContent, double_rules: bool = True, border_attribute: bool = False) -> str:
    """The report as one web page: title, sections 一 to 六, tables 二, 三 and 四. The layout
    classes of the content apply as far as a web page has them (ragged grids, a label and its
    figure in one cell, figures as written, digits set apart, no rules: ``border="0"``, which
    overrides ``double_rules``). ``border_attribute``: single rules also as ``border="1"
    cellspacing="0"``, as Word-export pages write them; browsers draw the style sheet's rules
    either way, LibreOffice (which ignores class-selected CSS) draws only these."""
    tables = {"二": proactive_grid(content), "三": requests_grid(content), "四": review_grid(content)}
    if content.layout.no_rules:
        borders = 'border="0"'
    else:
        borders = 'border="1" cellspacing="1"' if double_rules else 'class="single"'
        borders += ' border="1" cellspacing="0"' if border_attribute and not double_rules else ""
    parts = [f"<h1>{html.escape(content.full_title())}</h1>"]
    parts += [f"<p>{html.escape(text)}</p>" for text in content.body.get("preface", [])]
    for numeral, heading in content.heading.items():
        parts.append(f"<p><b>{html.escape(heading)}</b></p>")
        if numeral in tables:
            parts.append(_table(tables[numeral], borders, content.layout.split_digits))
        else:
            parts += [f"<p>{html.escape(text)}</p>" for text in content.body.get(numeral, [])]
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{_STYLE}</style></head>'
        f"<body>{''.join(parts)}</body></html>"
    )


def print_pdf(page: str, path: Path, producer: str = "chromium") -> Path:
    """Print an HTML page to ``path`` as a browser would ("Save as PDF", no header or footer)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if producer == "weasyprint":
        from weasyprint import HTML  # the dev extra

        HTML(string=page).write_pdf(path, presentational_hints=True)  # honour border= and cellspacing=
        return path
    if producer != "chromium":
        raise ValueError(f"unknown producer {producer!r}; expected one of {PRODUCERS}")
    with tempfile.TemporaryDirectory(prefix="ogi-page-") as folder:
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8")
        return chromium.print_pdf(source, path)
