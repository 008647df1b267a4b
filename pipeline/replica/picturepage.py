"""Report web pages whose tables are pictures, all or some of them, as county sites post them: the
article page with table 三 (say) as ``<img src="/u/cms/…/table3.png">`` while tables 二 and 四 stay
HTML, the picture a browser's screen grab of the table (``chromium.screenshot``), and the site's
other pictures beside them: a logo, a QR code to share the page, a photo of the seal.

``picture_page(content, pictured, folder)`` writes the pictures into ``folder`` (named as the page's
addresses name them, below the site's root) and returns the page's markup; the figures stay those of
``content``, so reading the page back can be compared cell by cell with the all-HTML page.
"""

from __future__ import annotations

import html
import io
import random
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from pipeline.replica import chromium
from pipeline.replica.content import ReportContent
from pipeline.replica.scan import seal_stamp
from pipeline.replica.table_grids import proactive_grid, requests_grid, review_grid
from pipeline.replica.webpage import Style, render_html, table_html

# Where the site keeps an article's pictures, as a CMS names them.
PICTURES = "u/cms/www/202401"
# The other pictures of the page: not tables, never facts.
DECOR = {"logo": "images/logo.png", "qrcode": "images/qrcode.png", "seal": f"{PICTURES}/seal.jpg"}
_WIDTH = 760  # CSS pixels of the window a table is grabbed in: an article column's width
_SCALE = 2.0  # device pixels per CSS pixel of the screen it is grabbed on (a laptop at 200 %)


def _tables(content: ReportContent, style: Style) -> dict[str, str]:
    return {
        "二": table_html(proactive_grid(content), style, header_rows=0),
        "三": table_html(requests_grid(content), style, header_rows=3),
        "四": table_html(review_grid(content), style, header_rows=3),
    }


def table_picture(table: str, out: Path, scale: float = 2.0) -> Path:
    """A PNG screen grab of one ``<table>`` on a screen of ``scale`` device pixels per CSS pixel
    (2: a laptop's screen at 200 %), cropped to it with a margin of paper."""
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        'body{margin:12px;font:14px "Noto Sans CJK SC",sans-serif;background:#fff}'
        "td{border:1px solid #000;padding:2px 3px} td p{margin:0} table{border-collapse:collapse}"
        f"</style></head><body>{table}</body></html>"
    )
    with tempfile.TemporaryDirectory(prefix="ogi-picture-") as work:
        source = Path(work) / "table.html"
        source.write_text(page, encoding="utf-8")
        chromium.screenshot(source, Path(work) / "shot.png", _WIDTH, 2400, scale)
        with Image.open(Path(work) / "shot.png") as shot:
            grey = shot.convert("L")
            left, top, right, bottom = grey.point(lambda v: 255 if v < 200 else 0).getbbox()
            margin = round(10 * scale)
            picture = shot.convert("RGB").crop((left - margin, top - margin, right + margin, bottom + margin))
    picture.save(out, "PNG")
    return out


def decor(name: str, seed: int = 0) -> bytes:
    """A picture of the site that is not a table: its logo, a QR code, a photo of the seal."""
    rng = random.Random(seed)
    if name == "logo":
        picture = Image.new("RGB", (320, 80), (255, 255, 255))
        draw = ImageDraw.Draw(picture)
        draw.ellipse((8, 8, 72, 72), outline=(180, 20, 20), width=6)
        draw.rectangle((90, 30, 300, 50), fill=(30, 60, 140))
    elif name == "qrcode":
        modules, size = 25, 8
        picture = Image.new("RGB", ((modules + 8) * size,) * 2, (255, 255, 255))
        draw = ImageDraw.Draw(picture)
        for y in range(modules):
            for x in range(modules):
                if rng.random() < 0.5:
                    draw.rectangle(((x + 4) * size, (y + 4) * size, (x + 5) * size - 1, (y + 5) * size - 1), fill=0)
        for x, y in ((0, 0), (modules - 7, 0), (0, modules - 7)):  # the three finder squares
            box = ((x + 4) * size, (y + 4) * size, (x + 11) * size - 1, (y + 11) * size - 1)
            draw.rectangle(box, fill=(255, 255, 255), outline=0, width=size)
            draw.rectangle((box[0] + 2 * size, box[1] + 2 * size, box[2] - 2 * size, box[3] - 2 * size), fill=0)
    else:
        picture = Image.new("RGB", (420, 420), (236, 232, 222))
        seal = seal_stamp(380)
        picture.paste(seal, (20, 20), seal)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG" if name == "seal" else "PNG", quality=85)
    return buffer.getvalue()


def picture_page(content: ReportContent, pictured: set[str], folder: Path, *, lazy: bool = True) -> str:
    """The article page of ``content`` with the tables ``pictured`` (二, 三, 四) as pictures and the
    site's logo, QR code and seal photo; the pictures are written below ``folder`` at the paths the
    page names from the site's root (``/u/cms/…``). ``lazy``: the pictures load lazily (a
    placeholder in ``src``, the picture in ``data-src``), as many CMS templates write them."""
    markup = _with_pictures(content, pictured, folder, "/", lazy)
    for name, path in DECOR.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(decor(name))
    logo = f'<div class="top"><img src="/{DECOR["logo"]}" width="320" height="80"></div>'
    share = f'<div class="share"><img src="/{DECOR["qrcode"]}" width="132" alt="扫一扫"></div>'
    seal = f'<p style="text-align:right"><img src="/{DECOR["seal"]}" width="210"></p>'
    markup = markup.replace("<body>\n", f"<body>\n{logo}\n", 1)
    return markup.replace("</div></div>\n", f"{seal}</div>{share}</div>\n", 1)


def pasted_page(content: ReportContent, pictured: set[str], folder: Path) -> Path:
    """The report as a page to print (``chromium.print_pdf``) with the tables ``pictured`` pasted
    as pictures under their typed headings: a PDF whose text layer holds the headings and the other
    tables but not those. The page and its pictures are written into ``folder``."""
    page = folder / "pasted.html"
    page.write_text(_with_pictures(content, pictured, folder, "", lazy=False), encoding="utf-8")
    return page


def _with_pictures(content: ReportContent, pictured: set[str], folder: Path, root: str, lazy: bool) -> str:
    """The page's markup with the tables ``pictured`` as pictures written below ``folder`` and
    named from ``root``, shown at their size in CSS pixels."""
    style = Style(chrome=False)
    markup = render_html(content, style)
    for numeral, table in _tables(content, style).items():
        if numeral not in pictured:
            continue
        path = f"{PICTURES}/table{'二三四'.index(numeral) + 2}.png"
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        table_picture(table, folder / path, _SCALE)
        with Image.open(folder / path) as picture:
            width = round(picture.width / _SCALE)
        source = f'src="/images/loading.gif" data-src="{root}{path}"' if lazy else f'src="{root}{path}"'
        img = f'<img {source} width="{width}" alt="{html.escape(numeral)}">'
        markup = markup.replace(table, f'<p style="text-align:center">{img}</p>')
    return markup
