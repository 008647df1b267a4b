"""Write a report's content as an A4 PDF laid out like a published annual report.

Chinese text is set in Noto Sans SC (思源黑体, Adobe and Google's CJK font, from the PyPI package
``pylopdf-fonts-zh-cn``; SIL Open Font Licence 1.1), ASCII text (figures, "2023") in PT Serif
(PyPI package ``fontpkg-pt-serif``, SIL Open Font Licence 1.1), as Word and WPS set ASCII in
their Western font. fpdf2 embeds both as subset CID fonts (Identity-H with a ToUnicode map), as
WPS and Word exports embed theirs: PT Serif as TrueType, Noto Sans SC with its CFF outlines.
The creation date is fixed and fpdf2 derives the document ID from the bytes, so the same content
gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from itertools import groupby
from pathlib import Path

import pylopdf_fonts_zh_cn
from fpdf import FPDF
from fpdf.enums import TextMode

from pipeline.replica.content import ReportContent
from pipeline.replica.table_grids import PAD, PT, TABLE_WIDTH, Cell, Grid, proactive_grid, requests_grid, review_grid

FONT = "cjk"
LATIN = "serif"  # ASCII text, as Word and WPS set it in their Western font (Times New Roman)
LEFT, TOP, BOTTOM = 27.0, 25.0, 297.0 - 25.0
RULE = 0.25  # mm, table rules
SPACING = 0.35  # mm between a cell's box and the grid line, with double rules (Word's cell spacing)
MAX_STRETCH = 8.0  # mm a row may grow so that a page of table 三 ends at the chosen break
SHADE = (221, 235, 247)
CLOSING = set("，。、；：？！）》”’")
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def font_path() -> Path:
    return pylopdf_fonts_zh_cn.sans_path()


def latin_font_path() -> Path:
    return Path(str(resources.files("fontpkg_pt_serif").joinpath("files", "PT_Serif-Web-Regular.ttf")))


def runs(text: str) -> list[tuple[str, str]]:
    """The text cut where it changes between ASCII (Western font) and CJK (East Asian font)."""
    return [(family, "".join(chars)) for family, chars in groupby(text, lambda c: LATIN if c < "\x80" else FONT)]


def wrap(measure: Callable[[str], float], text: str, width: float) -> list[str]:
    """Break text into lines no wider than ``width``, character by character (CJK has no spaces)."""
    lines: list[str] = []
    for part in text.split("\n"):
        line = ""
        for char in part:
            if not line or measure(line + char) <= width:
                line += char
            elif char in CLOSING and len(line) > 1:
                # Closing punctuation never starts a line: the character before it moves down too.
                lines.append(line[:-1])
                line = line[-1] + char
            else:
                lines.append(line)
                line = char
        lines.append(line)
    return lines


class Report(FPDF):
    def __init__(self, content: ReportContent) -> None:
        super().__init__(unit="mm", format="A4")
        self.content = content
        self.set_auto_page_break(False)
        self.set_margins(LEFT, TOP)
        self.add_font(FONT, fname=font_path())
        self.add_font(LATIN, fname=latin_font_path())
        self.set_creation_date(EPOCH)
        self.set_title(content.full_title().replace("\n", ""))
        self.set_producer("ogi-reports replica")
        self.cursor = TOP
        self.size = 10.5  # pt, of the text being set

    def footer(self) -> None:
        self.size = 10.5
        text = self.content.layout.footer.format(page=self.page_no())
        self.write_text((210 - self.measure(text)) / 2, 297 - 14, text)

    def new_page(self) -> None:
        self.add_page()
        self.cursor = TOP

    def goto(self, page: int) -> None:
        """Continue drawing on an earlier page; fpdf2 only tracks the graphics state of the last."""
        if page == self.page:
            return
        self.page = page
        self.current_font_is_set_on_page = False
        self._out(f"{self.line_width * self.k:.2f} w")

    def room(self) -> float:
        return BOTTOM - self.cursor

    # Running text -----------------------------------------------------------------------------

    def lines(self, text: str, size: float, indent: int = 2, bold: bool = False, center: bool = False) -> None:
        """A paragraph flowed over pages, its first line indented by ``indent`` characters."""
        self.size = size
        pitch = size * PT * self.content.layout.line_spacing
        for line in wrap(self.measure, "\u3000" * indent + text, TABLE_WIDTH):
            if self.room() < pitch:
                self.new_page()
            x = LEFT + (TABLE_WIDTH - self.measure(line)) / 2 if center else LEFT
            self.write_text(x, self.cursor + size * PT * 1.15, line, bold=bold)
            self.cursor += pitch

    def measure(self, text: str) -> float:
        """Width of text at the current size, each run in its font."""
        width = 0.0
        for family, run in runs(text):
            self.set_font(family, size=self.size)
            width += self.get_string_width(run)
        return width

    def write_text(self, x: float, y: float, text: str, bold: bool = False) -> None:
        for family, run in runs(text):
            self.set_font(family, size=self.size)
            if bold:  # the fonts have no bold face here: stroke the outlines too
                with self.local_context(text_mode=TextMode.FILL_STROKE, line_width=self.size * 0.012):
                    self.text(x, y, run)
            else:
                self.text(x, y, run)
            x += self.get_string_width(run)

    def heading(self, text: str, keep: float = 0.0) -> None:
        """A section heading, moved to the next page unless ``keep`` mm (or two lines) follow it."""
        size = self.content.layout.body_size
        pitch = size * PT * self.content.layout.line_spacing
        if self.room() < pitch + max(keep, 2 * pitch):
            self.new_page()
        self.lines(text, size, bold=True)

    def paragraphs(self, texts: list[str]) -> None:
        for text in texts:
            self.lines(text, self.content.layout.body_size)

    # Tables -----------------------------------------------------------------------------------

    def _cell_lines(self, grid: Grid, cell: Cell, width: float) -> list[str]:
        self.size = grid.figure_size if cell.numeric else grid.size
        if cell.numeric:
            return [cell.text]
        return list(cell.text) if cell.stacked else wrap(self.measure, cell.text, width - 2 * PAD)

    def fit_figures(self, grid: Grid) -> None:
        """Widen figure columns so that no figure wraps; the ``flex`` column gives the room back."""
        self.size = grid.figure_size
        for cell in grid.cells:
            if cell.numeric and cell.colspan == 1:
                need = self.measure(cell.text) + 2 * PAD + 0.5
                grid.widths[cell.col] = max(grid.widths[cell.col], need)
        excess = sum(grid.widths) - TABLE_WIDTH
        if excess > 0 and grid.flex is not None:
            grid.widths[grid.flex] -= excess

    @staticmethod
    def _pitch(grid: Grid, cell: Cell) -> float:
        return (grid.figure_size if cell.numeric else grid.size) * PT * 1.3

    def _heights(self, grid: Grid) -> list[float]:
        heights = [grid.min_row] * grid.nrows
        for cell in sorted(grid.cells, key=lambda c: c.rowspan):
            width = sum(grid.widths[cell.col : cell.col + cell.colspan])
            need = len(self._cell_lines(grid, cell, width)) * self._pitch(grid, cell) + 2 * PAD
            rows = range(cell.row, cell.row + cell.rowspan)
            have = sum(heights[r] for r in rows)
            if need > have:
                heights[rows[-1]] += need - have
        return heights

    def lead(self, grid: Grid) -> float:
        """Height of the rows that must stay on the page where the table starts."""
        return sum(self._heights(grid)[: grid.keep])

    def table(self, grid: Grid, break_before: str | None = None, split_label: bool = False) -> None:
        """Draw a grid from the cursor on, continuing on new pages as Word does: a row that does
        not fit moves to the next page, a merged cell is ruled on each page it covers and its
        text continues on the next page when the first runs out of room.

        ``break_before`` puts the break at a row of table 三 (with ``split_label`` that row's
        label lines are divided between the pages, its figures staying on the first). The rows
        above the break are made taller, within reason, so that they fill their page."""
        heights = self._heights(grid)
        split = self._split_row(grid, break_before) if split_label else None
        parts = self._place(grid, heights, break_before, split)
        stretched = self._fill_before_break(grid, heights, parts, break_before, split)
        if stretched != heights:
            parts = self._place(grid, stretched, break_before, split)
        first_page = self.page_no()
        last = max(p for row in parts.values() for p, _, _ in row)
        for _ in range(last):
            self.new_page()
        parts = {r: [(first_page + p, top, h) for p, top, h in row] for r, row in parts.items()}
        self.cursor = parts[grid.nrows - 1][-1][1] + parts[grid.nrows - 1][-1][2]
        self.set_line_width(RULE)
        xs = [LEFT + (TABLE_WIDTH - sum(grid.widths)) / 2]
        for width in grid.widths:
            xs.append(xs[-1] + width)
        for cell in grid.cells:
            self._draw_cell(grid, cell, xs, parts)
        if self.content.layout.double_rules:
            self._outer_boxes(xs, parts)
        self.goto(first_page + last)

    def _outer_boxes(self, xs: list[float], parts: dict) -> None:
        """The table's own box around the cell boxes, on each page it covers."""
        extent: dict[int, list[float]] = {}
        for row in parts.values():
            for page, top, height in row:
                span = extent.setdefault(page, [top, top + height])
                span[0], span[1] = min(span[0], top), max(span[1], top + height)
        for page, (top, bottom) in extent.items():
            self.goto(page)
            self.rect(xs[0], top, xs[-1] - xs[0], bottom - top)

    @staticmethod
    def _fill_before_break(
        grid: Grid, heights: list[float], parts: dict, break_before: str | None, split: tuple | None
    ) -> list[float]:
        """Row heights that make the body rows above a chosen break fill their page, as they
        would in a report whose table breaks there by itself (each grows by MAX_STRETCH at most)."""
        row = next((r for r in parts if grid.row_codes.get(r) == break_before), None)
        if break_before is None or row is None:
            return heights
        last = parts[row][0] if split else parts[row - 1][-1]  # the last piece above the break
        above = [r for r in range(grid.keep, row) if parts[r][-1][0] == last[0] and r in grid.row_codes]
        if not above:
            return heights
        extra = min((BOTTOM - last[1] - last[2] - 0.5) / len(above), MAX_STRETCH)
        return [h + extra if r in above else h for r, h in enumerate(heights)]

    def _split_row(self, grid: Grid, row_code: str | None) -> tuple[float, float] | None:
        """Heights of the two parts of a row whose label is divided by the page break."""
        row = next((r for r, c in grid.row_codes.items() if c == row_code), None)
        if row is None:
            return None
        label = next(c for c in grid.cells if c.row == row and not c.numeric and c.rowspan == 1)
        n = len(self._cell_lines(grid, label, sum(grid.widths[label.col : label.col + label.colspan])))
        if n < 2:  # a one-line label cannot be divided: the row moves whole
            return None
        pitch = self._pitch(grid, label)
        return 2 * PAD + (n // 2) * pitch, 2 * PAD + (n - n // 2) * pitch

    def _place(
        self, grid: Grid, heights: list[float], break_before: str | None, split: tuple[float, float] | None
    ) -> dict[int, list[tuple[int, float, float]]]:
        """Where each row goes: row -> (page offset, top, height) for each page it is on."""
        page, cursor = 0, self.cursor
        parts: dict[int, list[tuple[int, float, float]]] = {}
        for r in range(grid.nrows):
            forced = break_before is not None and grid.row_codes.get(r) == break_before
            if forced and split and BOTTOM - cursor >= split[0]:
                parts[r] = [(page, cursor, split[0]), (page + 1, TOP, max(split[1], heights[r] - split[0]))]
                page, cursor = page + 1, TOP + parts[r][1][2]
                continue
            if (forced and cursor > TOP) or BOTTOM - cursor < heights[r]:
                page, cursor = page + 1, TOP
            parts[r] = [(page, cursor, heights[r])]
            cursor += heights[r]
        return parts

    def _draw_cell(self, grid: Grid, cell: Cell, xs: list[float], parts: dict) -> None:
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        portions: dict[int, list[float]] = {}  # page -> [top, bottom] of the cell on that page
        for r in range(cell.row, cell.row + cell.rowspan):
            for page, top, height in parts[r]:
                portions.setdefault(page, [top, top + height])[1] = top + height
        lines = self._cell_lines(grid, cell, x1 - x0)
        pitch = self._pitch(grid, cell)
        first_top, first_bottom = next(iter(portions.values()))
        fits = len(lines) * pitch + 2 * PAD <= first_bottom - first_top + 0.01
        queue = list(lines)
        layout = self.content.layout
        inset = SPACING if layout.double_rules else 0.0
        for page, (top, bottom) in portions.items():
            self.goto(page)
            box = (x0 + inset, top + inset, x1 - x0 - 2 * inset, bottom - top - 2 * inset)
            if cell.shade and not layout.no_rules:
                with self.local_context(fill_color=SHADE):
                    self.rect(*box, style="DF")
            elif not layout.no_rules:  # without rules, text is set in columns only
                self.rect(*box)
            if not queue:
                continue
            # Centred when the text fits on the first page, else filled from the top and continued.
            take = queue if fits else queue[: max(1, int((bottom - top - 2 * PAD + 0.01) // pitch))]
            queue = queue[len(take) :]
            y = top + (bottom - top - len(take) * pitch) / 2 if fits else top + PAD
            for line in take:
                width = self.measure(line)
                x = x0 + PAD if cell.align == "L" else x0 + (x1 - x0 - width) / 2
                if cell.numeric and layout.split_digits and len(line) > 1:
                    self._justified(line, x0 + PAD, x1 - PAD, y + pitch * 0.78)
                else:
                    self.write_text(x, y + pitch * 0.78, line, bold=cell.bold)
                y += pitch

    def _justified(self, text: str, left: float, right: float, y: float) -> None:
        """Each glyph placed on its own, spread from ``left`` to ``right`` (justified text)."""
        widths = [self.measure(char) for char in text]
        gap = (right - left - sum(widths)) / (len(text) - 1)
        x = left
        for char, width in zip(text, widths):
            self.write_text(x, y, char)
            x += width + gap


def render_pdf(content: ReportContent, path: Path) -> None:
    """Write ``content`` as a PDF at ``path``: title, sections 一 to 六, tables 二, 三 and 四."""
    pdf = Report(content)
    pdf.new_page()
    pdf.lines(content.full_title(), content.layout.body_size + 5, indent=0, bold=True, center=True)
    pdf.cursor += 4
    body = content.body
    layout = content.layout
    pdf.paragraphs(body.get("preface", []))
    tables = {"二": proactive_grid(content), "三": requests_grid(content), "四": review_grid(content)}
    tables = {numeral: grid for numeral, grid in tables.items() if numeral not in content.stand_ins}
    for grid in tables.values():
        pdf.fit_figures(grid)
    for numeral in ("一", "二", "三", "四", "五", "六"):
        grid = tables.get(numeral)
        pdf.heading(content.heading[numeral], keep=pdf.lead(grid) if grid else 0.0)
        if numeral in content.stand_ins:
            pdf.paragraphs([content.stand_ins[numeral]] if content.stand_ins[numeral] else [])
        elif grid is None:
            pdf.paragraphs(body.get(numeral, []))
        elif numeral == "三":
            pdf.table(grid, layout.break_before, layout.split_label)
        else:
            pdf.table(grid)
        pdf.cursor += 2
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
