"""The pictures of a web page at hand: ``data:`` URIs and files beside the page, nothing fetched,
nothing read from outside the page's folder, and only what is an image by its content."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

from pipeline.extract.htmlpage import read_page
from pipeline.extract.imagesources import page_images
from pipeline.extract.mhtfile import read_archive, write_archive


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
    assert page_images(sources, tmp_path / "page") == [(1, png + b"file"), (2, png)]
    # A page read from bytes alone (no folder) has only its data: URIs.
    assert page_images(sources, None) == [(2, png)]


def test_a_single_file_web_page_holds_its_pictures_by_their_address() -> None:
    """An MHTML archive (a live run's, a browser's): the pictures are its parts, found by the
    address a source names once resolved against the page's; the page and parts come back exactly."""
    png = _png()
    page = b'<html><body><img src="load.gif" data-src="/u/cms/t3.png"><img src="b.png"></body></html>'
    data = write_archive(
        page,
        "text/html; charset=utf-8",
        "https://gov.example/art/2024/report.html",
        [("https://gov.example/u/cms/t3.png", "image/png", png), ("https://gov.example/art/2024/b.png", "x", b"no")],
    )
    archive = read_archive(data)
    assert (archive.page, archive.charset, archive.location) == (
        page,
        "utf-8",
        "https://gov.example/art/2024/report.html",
    )
    assert (
        read_archive(data) == archive and write_archive(page, "text/html; charset=utf-8", archive.location, []) != data
    )
    sources = read_page(archive.page).images
    assert sources == ["/u/cms/t3.png", "b.png"]  # the lazy-loading attribute over the placeholder
    assert page_images(sources, None, archive.parts, archive.location) == [(0, png)]  # b.png: not an image
