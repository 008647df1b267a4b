"""The pictures of a web page at hand: ``data:`` URIs and files beside the page, nothing fetched,
nothing read from outside the page's folder, and only what is an image by its content."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

from pipeline.extract.imagesources import page_images


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (255, 255, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def test_data_uris_and_files_beside_the_page_in_order(tmp_path: Path) -> None:
    png = _png()
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "img").mkdir()
    (tmp_path / "page" / "img" / "t%201.png").write_bytes(png + b"file")
    (tmp_path / "secret.png").write_bytes(png + b"outside")
    (tmp_path / "page" / "notes.png").write_bytes(b"not an image, whatever its name")
    sources = [
        "https://example.gov.cn/t.png",  # would have to be fetched: not at hand
        "img/t%25201.png",  # percent-encoded, as a saved page writes it
        f"data:image/png;base64,{base64.b64encode(png).decode()}",
        "../secret.png",  # outside the page's folder: never read
        "notes.png",
        "data:image/png;base64,@@@",  # broken
        "img/missing.png",
    ]
    assert page_images(sources, tmp_path / "page") == [png + b"file", png]
    # A page read from bytes alone (no folder) has only its data: URIs.
    assert page_images(sources, None) == [png]
