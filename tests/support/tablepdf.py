"""A small writer of ruled tables for layout tests: merged cells, paragraphs and page breaks, set
in the CJK font of the replicas, as Word/WPS exports draw them (vector rules, text layer)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from pipeline.replica.render import font_path

Cell = str | tuple[str, int, int]  # text, or (text, colspan, rowspan)


class Document:
    def __init__(self) -> None:
        self.pdf = FPDF(unit="mm", format="A4")
        self.pdf.add_font("cjk", fname=str(font_path()))
        self.pdf.set_font("cjk", size=9)
        self.pdf.add_page()

    def text(self, line: str) -> None:
        self.pdf.set_font("cjk", size=11)
        self.pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font("cjk", size=9)

    def table(self, rows: list[list[Cell]], widths: list[float]) -> None:
        with self.pdf.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align="CENTER",
            line_height=5,
            first_row_as_headings=False,
            headings_style=FontFace(),
        ) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    text, colspan, rowspan = (cell, 1, 1) if isinstance(cell, str) else cell
                    row.cell(text, colspan=colspan, rowspan=rowspan)
        self.pdf.ln(4)

    def page(self) -> None:
        self.pdf.add_page()

    def save(self, path: Path) -> Path:
        self.pdf.output(str(path))
        return path
