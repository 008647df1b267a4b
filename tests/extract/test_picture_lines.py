"""Where OCR'd characters stand, on a real scanned table without rules: rows of 平潭 2022's table 三
(a Word export printed by Chromium without rules and without cell padding, scanned at 200 dpi:
``tests/fixtures/scans/label-figure-rows.png``), whose labels run up to the next cell's figure.

A text layer places each character; OCR reads pieces of ink. A label and the figure of the next
cell set a little lower (申请数 | 71) were one piece of ink, and a figure touching the label
beside it (情8) one line read: spread evenly over the piece, the figure stood inside the label,
and the reader of tables without rules could not tell the cells apart."""

from __future__ import annotations

import cv2

from pipeline.core.settings import PROJECT_DIR
from pipeline.extract.glyphs import lines_of
from pipeline.extract.ocr import RapidRecogniser
from pipeline.extract.pageimages import PageImage
from pipeline.extract.textcells import em_of
from pipeline.extract.unruledscan import text_glyphs

CROP = PROJECT_DIR / "tests" / "fixtures" / "scans" / "label-figure-rows.png"


def test_each_figure_stands_where_its_ink_is_in_its_column_not_spread_over_the_label_beside_it():
    """The first figures of the rows (71, 1, 21 and 8, left-aligned in one column) start where
    the column starts, as a text layer sets them; each label ends left of its figure."""
    glyphs = text_glyphs(PageImage(1, cv2.imread(str(CROP), cv2.IMREAD_GRAYSCALE), 0.0), RapidRecogniser())
    em = em_of(glyphs)
    firsts = {}
    for line in lines_of(glyphs):
        digits = [g for g in line if g.text.isdigit()]
        if not digits:
            continue
        first = min(digits, key=lambda g: g.x0)
        label = [g for g in line if g.x1 <= first.x0 + 0.1 * em and not g.text.isdigit()]
        firsts["".join(g.text for g in line if g.x0 >= first.x0 and g.x0 < first.x0 + em)] = first.x0
        assert all(g.x1 <= first.x0 + 0.1 * em for g in line if not g.text.isdigit() and g.x0 < first.x0), label
    assert {"71", "1", "21", "8"} <= set(firsts), firsts
    column = [firsts[text] for text in ("71", "1", "21", "8")]
    assert max(column) - min(column) <= 1.0, firsts


HEADERS = PROJECT_DIR / "tests" / "fixtures" / "scans" / "header-cells-touching.png"


def test_a_header_cells_text_against_the_next_ones_stands_where_its_column_starts():
    """Table 三's narrow header cells of the same page (``header-cells-touching.png``): 社会 / 公益 /
    组织 and 法律 / 服务 / 机构, each line justified across its cell, so 会 and 益 end their cells
    against 法 and 服, and 律 and 务 stand a blank apart from them. OCR read 会法律 and 益服务 as one
    piece each; spread evenly over it, 法 and 服 stood 1.7 points right of where their column's
    figures start, and the header of the column was not found. Cut at the wider blank, each
    part over its own ink, they start where the figures do, as a text layer sets them."""
    glyphs = text_glyphs(PageImage(1, cv2.imread(str(HEADERS), cv2.IMREAD_GRAYSCALE), 0.0), RapidRecogniser())
    em = em_of(glyphs)
    zeros = [g for g in glyphs if g.text == "0"]
    assert len(zeros) == 4, [g.text for g in glyphs]
    for before, first, after in (("会", "法", "律"), ("益", "服", "务")):
        [left] = [g for g in glyphs if g.text == before]
        line = sorted((g for g in glyphs if abs(g.base - left.base) < 0.25 * em and g.x0 > left.x0), key=lambda g: g.x0)
        start, end = line[0], line[1]
        assert (start.text, end.text) == (first, after), [g.text for g in line]
        column = min(zeros, key=lambda g: abs(g.x0 - start.x0))
        assert abs(start.x0 - column.x0) <= 1.0, (first, start.x0, column.x0)
        assert left.x1 <= start.x0 + 0.1 * em and end.x0 - start.x1 > 0.2 * em, (left, start, end)
