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
from pipeline.extract.scanned import PageImage, _text_glyphs
from pipeline.extract.textcells import em_of

CROP = PROJECT_DIR / "tests" / "fixtures" / "scans" / "label-figure-rows.png"


def test_each_figure_stands_where_its_ink_is_in_its_column_not_spread_over_the_label_beside_it():
    """The first figures of the rows (71, 1, 21 and 8, left-aligned in one column) start where
    the column starts, as a text layer sets them; each label ends left of its figure."""
    glyphs = _text_glyphs(PageImage(1, cv2.imread(str(CROP), cv2.IMREAD_GRAYSCALE), 0.0), RapidRecogniser())
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
