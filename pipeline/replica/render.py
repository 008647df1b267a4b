"""Write a report's content as an A4 PDF laid out like a published annual report.

Text is set in WenQuanYi Micro Hei (文泉驿微米黑, from the PyPI package ``paperang-p2-fonts-cjk``;
font licence Apache-2.0 or GPLv3 with the font embedding exception), embedded by fpdf2 as a
subset CID TrueType font (Identity-H with a ToUnicode map), as WPS and Word exports embed theirs.
Creation date and document ID are fixed, so the same content gives the same bytes.
"""

from __future__ import annotations

from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextMode

from pipeline.replica.content import ReportContent
from pipeline.replica.tables import TABLE_WIDTH, Cell, Grid, proactive_grid, requests_grid, review_grid

FONT = "wqy"
PT = 25.4 / 72  # mm per point
LEFT, TOP, BOTTOM = 27.0, 25.0, 297.0 - 25.0
BODY_SIZE, TABLE_SIZE, FIGURE_SIZE = 15.0, 9.5, 11.0
PAD = 1.0  # mm inside a table cell
CLOSING = set("，。、；：？！）》”’")
RULE = 0.25  # mm, table rules
EPOCH = datetime(2000, 1, 1, tzinfo=timezone.utc)


def font_path() -> Path:
    return Path(str(resources.files("paperang_p2_fonts_cjk").joinpath("fonts", "wqy-microhei.ttc")))


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Break text into lines no wider than ``width``, character by character (no spaces in CJK)."""
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for char in part:
            # Closing punctuation stays at the end of the line, as CJK typesetting has it.
            if line and char not in CLOSING and pdf.get_string_width(line + char) > width:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


class Report(FPDF):
    def __init__(self, content: ReportContent) -> None:
        super().__init__(unit="mm", format="A4")
        self.content = content
        self.set_auto_page_break(False)
        self.set_margins(LEFT, TOP)
        self.add_font(FONT, fname=font_path())
        self.set_creation_date(EPOCH)
        self.set_title(content.full_title().replace("\n", ""))
        self.set_producer("ogi-reports replica")
        self.cursor = TOP

    def footer(self) -> None:
        self.set_font(FONT, size=10.5)
        text = self.content.layout.footer.format(page=self.page_no())
        self.text((210 - self.get_string_width(text)) / 2, 297 - 14, text)

    def new_page(self) -> None:
        self.add_page()
        self.cursor = TOP

    def goto(self, page: int) -> None:
        """Continue drawing on an earlier page; fpdf2 only tracks the state of the last one."""
        if page == self.page:
            return
        self.page = page
        self.current_font_is_set_on_page = False
        self._out(f"{self.line_width * self.k:.2f} w")

    def room(self) -> float:
        return BOTTOM - self.cursor

    def lines(self, text: str, size: float, indent: int = 2, bold: bool = False, center: bool = False) -> None:
        """A paragraph (or heading) flowed over pages, first line indented by ``indent`` characters."""
        self.set_font(FONT, size=size)
        height = size * PT * 1.6
        for line in wrap(self, "\u3000" * indent + text, TABLE_WIDTH):
            if self.room() < height:
                self.new_page()
            x = LEFT + (TABLE_WIDTH - self.get_string_width(line)) / 2 if center else LEFT
            y = self.cursor + size * PT * 1.15
            if bold:  # the font has no bold face: stroke the outlines too
                with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=size * 0.012):
                    self.text(x, y, line)
            else:
                self.text(x, y, line)
            self.cursor += height

    def heading(self, text: str) -> None:
        if self.room() < BODY_SIZE * PT * 1.6 * 3:
            self.new_page()
        self.lines(text, BODY_SIZE, bold=True)

    # Tables -----------------------------------------------------------------------------------

    def _cell_lines(self, cell: Cell, width: float) -> list[str]:
        self.set_font(FONT, size=FIGURE_SIZE if cell.numeric else TABLE_SIZE)
        return list(cell.text) if cell.stacked else wrap(self, cell.text, width - 2 * PAD)

    @staticmethod
    def _line_height(cell: Cell) -> float:
        return (FIGURE_SIZE if cell.numeric else TABLE_SIZE) * PT * 1.3

    def _heights(self, grid: Grid) -> list[float]:
        heights = [7.0] * grid.nrows
        for cell in sorted(grid.cells, key=lambda c: c.rowspan):
            width = sum(grid.widths[cell.col : cell.col + cell.colspan])
            need = len(self._cell_lines(cell, width)) * self._line_height(cell) + 2 * PAD
            rows = range(cell.row, cell.row + cell.rowspan)
            have = sum(heights[r] for r in rows)
            if need > have:
                heights[rows[-1]] += need - have
        return heights

    def table(self, grid: Grid, break_before: str | None = None, split_label: bool = False) -> None:
        """Draw a grid from the cursor on, continuing on new pages as Word does: a row that does
        not fit moves to the next page, a merged cell is ruled on each page it covers and its
        text continues where the first page runs out of room."""
        heights = self._heights(grid)
        self.set_line_width(RULE)
        xs = [LEFT]
        for w in grid.widths:
            xs.append(xs[-1] + w)
        # Lay out rows: (page, top) of each row part; a split row has two parts.
        parts: dict[int, list[tuple[int, float, float]]] = {}
        for r in range(grid.nrows):
            forced = break_before is not None and grid.row_codes.get(r) == break_before
            if forced and split_label:
                label = next(c for c in grid.cells if c.row == r and not c.numeric)
                n = len(self._cell_lines(label, sum(grid.widths[label.col : label.col + label.colspan])))
                if n > 1:
                    first = PAD + (n // 2) * self._line_height(label) + 0.6
                    parts[r] = [(self.page_no(), self.cursor, first)]
                    self.new_page()
                    parts[r].append((self.page_no(), self.cursor, max(heights[r] - first, 5.0)))
                    self.cursor += parts[r][-1][2]
                    continue
            if forced or self.room() < heights[r]:
                self.new_page()
            parts[r] = [(self.page_no(), self.cursor, heights[r])]
            self.cursor += heights[r]
        end_page = self.page_no()
        for cell in grid.cells:
            self._draw_cell(grid, cell, xs, parts)
        self.goto(end_page)

    def _draw_cell(self, grid: Grid, cell: Cell, xs: list[float], parts: dict[int, list]) -> None:
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        # Portions of the cell per page: page -> [top, bottom].
        portions: dict[int, list[float]] = {}
        for r in range(cell.row, cell.row + cell.rowspan):
            for page, top, height in parts[r]:
                span = portions.setdefault(page, [top, top + height])
                span[1] = top + height
        lines = self._cell_lines(cell, x1 - x0)
        lh = self._line_height(cell)
        queue = [line for line in lines]
        fits_first = len(lines) * lh + 2 * PAD <= next(iter(portions.values()))[1] - next(iter(portions.values()))[0] + 0.01
        for page, (top, bottom) in portions.items():
            self.goto(page)
            if cell.shade:
                with self.local_context(fill_color=(221, 235, 247)):
                    self.rect(x0, top, x1 - x0, bottom - top, style="DF")
            else:
                self.rect(x0, top, x1 - x0, bottom - top)
            if not queue:
                continue
            room = max(1, int((bottom - top - 2 * PAD + 0.01) // lh))
            take = queue if fits_first else queue[:room]
            queue = queue[len(take) :]
            y = top + (bottom - top - len(take) * lh) / 2 if fits_first else top + PAD
            for line in take:
                width = self.get_string_width(line)
                x = x0 + PAD if cell.align == "L" else x0 + (x1 - x0 - width) / 2
                self.text(x, y + lh * 0.78, line)
                y += lh


def render_pdf(content: ReportContent, path: Path) -> None:
    pdf = Report(content)
    pdf.new_page()
    pdf.lines(content.full_title(), 20.0, indent=0, bold=True, center=True)
    pdf.cursor += 4
    body = content.body
    heading = content.heading
    for paragraph in body.get("preface", []):
        pdf.lines(paragraph, BODY_SIZE)
    sections = (
        ("一", lambda: [pdf.lines(p, BODY_SIZE) for p in body.get("一", [])]),
        ("二", lambda: pdf.table(proactive_grid(content))),
        ("三", lambda: pdf.table(requests_grid(content), content.layout.break_before, content.layout.split_label)),
        ("四", lambda: pdf.table(review_grid(content))),
        ("五", lambda: [pdf.lines(p, BODY_SIZE) for p in body.get("五", [])]),
        ("六", lambda: [pdf.lines(p, BODY_SIZE) for p in body.get("六", [])]),
    )
    for numeral, write in sections:
        pdf.heading(heading[numeral])
        write()
        pdf.cursor += 2
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))

