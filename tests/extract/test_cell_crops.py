"""A cell's piece is recognised as it would be alone, whatever else its page holds: a lone 0 read
in one batch with a long label is not padded to the label's width (RapidOCR pads a batch to its
widest image), which left lone 0s of real pages NULL at 0.74-0.84."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from pipeline.extract.ocr import _recognised, tight_box

SCANS = Path(__file__).resolve().parents[1] / "fixtures" / "scans"


def test_a_lone_zero_read_with_a_long_label_reads_as_alone():
    # Both cut from 平潭 2022's page 3 printed by Chromium and scanned at 200 dpi, rules erased: a
    # lone 0 set against its cell's left rule, and a row label of the same page.
    zero = cv2.imread(str(SCANS / "lone-zero.png"), cv2.IMREAD_GRAYSCALE)
    label = cv2.imread(str(SCANS / "label-line.png"), cv2.IMREAD_GRAYSCALE)
    page = np.full((max(zero.shape[0], label.shape[0]) + 40, zero.shape[1] + label.shape[1] + 60), 255, np.uint8)
    cells = [(20, 20, 20 + zero.shape[1], 20 + zero.shape[0])]
    cells.append((cells[0][2] + 20, 20, cells[0][2] + 20 + label.shape[1], 20 + label.shape[0]))
    for (left, top, right, bottom), image in zip(cells, (zero, label)):
        page[top:bottom, left:right] = image
    _, ink = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    pieces = [tight_box(ink, cell) for cell in cells]

    [(alone, alone_sureness)] = _recognised(page, pieces[:1])
    (figure, sureness), (text, _) = _recognised(page, pieces)

    assert "结转下年度" in text
    assert (figure, alone) == ("0", "0")
    assert abs(sureness - alone_sureness) < 1e-3, f"the lone 0 read at {sureness:.2f} beside the label"
