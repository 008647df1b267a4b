"""A cell is recognised as it would be alone, with paper round its ink: a lone 0 set against its
cell's rule (a Word-export table printed with no cell padding, then scanned) is read with
confidence, whatever else the page holds."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from pipeline.core.facts import OCR_MIN_CONFIDENCE
from pipeline.extract.ocr import RapidRecogniser

SCANS = Path(__file__).resolve().parents[1] / "fixtures" / "scans"


def test_lone_zero_against_its_rule_is_read_with_confidence():
    # Both cut from 平潭 2022's page 3 printed by Chromium and scanned at 200 dpi, rules erased: a 0
    # whose ink begins at the inside of its cell (the rule was 4 pixels to its left), and a row
    # label read on the same page.
    zero = cv2.imread(str(SCANS / "lone-zero.png"), cv2.IMREAD_GRAYSCALE)
    label = cv2.imread(str(SCANS / "label-line.png"), cv2.IMREAD_GRAYSCALE)
    page = np.full((max(zero.shape[0], label.shape[0]) + 40, zero.shape[1] + label.shape[1] + 60), 255, np.uint8)
    cells = [(20, 20, 20 + zero.shape[1], 20 + zero.shape[0])]
    cells.append((cells[0][2] + 20, 20, cells[0][2] + 20 + label.shape[1], 20 + label.shape[0]))
    for (left, top, right, bottom), image in zip(cells, (zero, label)):
        page[top:bottom, left:right] = image
    _, ink = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))

    (figure, sureness), (text, _) = RapidRecogniser().read(page, ink, cells)

    assert "结转下年度" in text
    assert figure == "0"
    assert sureness >= OCR_MIN_CONFIDENCE, f"the lone 0 read at {sureness:.2f}"
