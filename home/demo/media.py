"""Pictures and documents for the demo site, made here so that no photograph
or binary file needs to live in the repository: pictures drawn with Pillow,
documents typeset as text PDFs by WeasyPrint (Pango shapes the Urdu Nastaliq
and the Hazaragi, with the site's own fonts embedded).

Everything here is deterministic: the same text gives the same bytes, so the
demo command can tell whether a file needs replacing."""

import io
import re
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pydyf
import weasyprint.pdf
from django.utils.html import format_html, format_html_join
from PIL import Image, ImageDraw
from weasyprint import CSS, HTML
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.pdf.stream import Stream
from weasyprint.text.ffi import ffi, pango
from weasyprint.text.fonts import FontConfiguration

FONTS = Path(__file__).resolve().parent.parent / "static" / "home" / "fonts"

# --- pictures --------------------------------------------------------------

SIZE = (1200, 675)


def _gradient(top, bottom):
    image = Image.new("RGB", SIZE)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    for y in range(height):
        ratio = y / (height - 1)
        colour = tuple(
            round(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    return image, draw


def _mountains(draw, base, colour, peaks):
    width, height = SIZE
    points = [(0, height)] + [(x, base - h) for x, h in peaks] + [(width, height)]
    draw.polygon(points, fill=colour)


def picture_mountains():
    image, draw = _gradient((38, 46, 84), (176, 88, 62))
    draw.ellipse((820, 150, 940, 270), fill=(242, 196, 120))
    _mountains(
        draw,
        520,
        (74, 56, 70),
        [
            (0, 140),
            (180, 260),
            (380, 120),
            (560, 300),
            (760, 160),
            (980, 280),
            (1200, 150),
        ],
    )
    _mountains(
        draw,
        600,
        (40, 32, 44),
        [(0, 60), (220, 180), (430, 90), (650, 200), (900, 80), (1200, 190)],
    )
    return image


def picture_vigil():
    image, draw = _gradient((20, 22, 36), (52, 40, 48))
    for row, y in enumerate((420, 500, 580)):
        for i in range(9):
            x = 90 + i * 130 + (65 if row % 2 else 0)
            if x > 1150:
                continue
            draw.ellipse((x - 40, y - 70, x + 40, y + 10), fill=(70, 52, 40))
            draw.rectangle((x - 12, y - 20, x + 12, y + 60), fill=(236, 228, 210))
            draw.ellipse((x - 8, y - 52, x + 8, y - 22), fill=(250, 200, 90))
    return image


def picture_books():
    image, draw = _gradient((246, 236, 214), (226, 206, 170))
    for i, colour in enumerate(
        [(138, 28, 28), (44, 84, 120), (60, 110, 70), (190, 140, 50)]
    ):
        x = 300 + i * 150
        draw.rectangle((x, 220 - i * 20, x + 110, 520), fill=colour)
        draw.rectangle(
            (x + 14, 250 - i * 20, x + 96, 270 - i * 20), fill=(240, 232, 214)
        )
    draw.rectangle((240, 520, 960, 545), fill=(92, 64, 44))
    return image


def picture_clinic():
    image, draw = _gradient((226, 240, 238), (190, 220, 216))
    points = [
        (0, 360),
        (330, 360),
        (380, 300),
        (430, 430),
        (500, 180),
        (570, 520),
        (630, 330),
        (680, 360),
        (1200, 360),
    ]
    draw.line(points, fill=(28, 96, 96), width=14, joint="curve")
    return image


def picture_market():
    image, draw = _gradient((250, 240, 222), (236, 214, 180))
    for i in range(8):
        colour = (138, 28, 28) if i % 2 else (244, 236, 220)
        draw.polygon(
            [
                (200 + i * 100, 200),
                (300 + i * 100, 200),
                (300 + i * 100, 300),
                (200 + i * 100, 300),
            ],
            fill=colour,
        )
    draw.rectangle((220, 300, 240, 560), fill=(92, 64, 44))
    draw.rectangle((960, 300, 980, 560), fill=(92, 64, 44))
    draw.rectangle((240, 440, 960, 470), fill=(120, 86, 58))
    for i in range(6):
        draw.ellipse(
            (280 + i * 110, 380, 350 + i * 110, 440), fill=(200, 120 + i * 10, 50)
        )
    return image


def picture_bowls():
    image, draw = _gradient((244, 232, 212), (214, 190, 156))
    draw.rectangle((0, 470, 1200, 675), fill=(150, 108, 72))
    for i, colour in enumerate([(190, 90, 50), (60, 110, 120), (170, 140, 60)]):
        x = 250 + i * 270
        draw.chord((x, 330, x + 220, 560), 0, 180, fill=colour)
        draw.ellipse((x, 410, x + 220, 470), fill=(236, 214, 170))
    return image


def picture_report():
    image, draw = _gradient((60, 64, 78), (34, 36, 46))
    for i in range(3):
        x, y = 380 + i * 60, 120 + i * 30
        draw.rectangle(
            (x, y, x + 360, y + 470),
            fill=(246, 244, 238),
            outline=(180, 176, 168),
            width=3,
        )
        for line in range(10):
            draw.rectangle(
                (
                    x + 40,
                    y + 70 + line * 36,
                    x + 320 - (line % 3) * 40,
                    y + 84 + line * 36,
                ),
                fill=(170, 170, 176),
            )
    draw.rectangle((x + 40, y + 30, x + 200, y + 50), fill=(138, 28, 28))
    return image


def picture_logo():
    """A square mark for the organisation's logo: mountains in a circle."""
    image = Image.new("RGB", (192, 192), (244, 241, 236))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 184, 184), fill=(138, 28, 28))
    draw.polygon(
        [(36, 140), (80, 64), (108, 108), (124, 86), (156, 140)], fill=(244, 241, 236)
    )
    return image


PICTURES = {
    "mountains": picture_mountains,
    "vigil": picture_vigil,
    "books": picture_books,
    "clinic": picture_clinic,
    "market": picture_market,
    "bowls": picture_bowls,
    "report": picture_report,
    "logo": picture_logo,
}


def picture_png(name: str) -> bytes:
    buffer = io.BytesIO()
    PICTURES[name]().save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- documents -------------------------------------------------------------


@dataclass(frozen=True)
class TextBlock:
    kind: str  # "title", "heading", "paragraph" or "letter" (a form letter's)
    text: str


# The site's own faces (home/static/home/fonts), as the pages use them. They
# hold Arabic script only: Latin letters and digits in any language fall back
# to DejaVu Sans, which Debian's fontconfig always has.
DOCUMENT_CSS = """
@font-face {
  font-family: "Noto Nastaliq Urdu";
  src: url("noto-nastaliq-urdu-arabic-400-normal.woff2");
}
@font-face {
  font-family: "Vazirmatn";
  font-weight: 400;
  src: url("vazirmatn-arabic-400-normal.woff2");
}
@font-face {
  font-family: "Vazirmatn";
  font-weight: 700;
  src: url("vazirmatn-arabic-700-normal.woff2");
}
@page { size: A4; margin: 2cm 2.2cm; }
html { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.5; }
html:lang(ur) { font-family: "Noto Nastaliq Urdu", "DejaVu Sans"; line-height: 2.3; }
html:lang(haz) { font-family: "Vazirmatn", "DejaVu Sans"; line-height: 1.9; }
h1 { font-size: 20pt; line-height: 1.3; margin: 0 0 1em; }
html:lang(ur) h1 { line-height: 2; }
h2 { font-size: 14pt; margin: 1.4em 0 0.4em; page-break-after: avoid; }
html:lang(ur) h1, html:lang(ur) h2 { font-weight: 400; }
p { margin: 0 0 0.7em; }
.letter {
  border: 1pt solid #888;
  padding: 0.8em 1.2em;
  margin: 0.6em 0 1em;
  page-break-inside: avoid;
}
"""
DOCUMENT_HTML = (
    '<!doctype html><html lang="{}" dir="{}"><head><meta charset="utf-8">'
    "<title>{}</title></head><body>{}</body></html>"
)
RTL_LANGUAGES = {"ur", "haz"}


def _document_body(blocks: list[TextBlock]):
    """The blocks as HTML: one h1, h2s, paragraphs, and each run of a form
    letter's paragraphs in one framed section, so it reads and copies as a
    whole."""
    parts = []
    for kind, group in groupby(blocks, key=lambda block: block.kind):
        texts = [(block.text,) for block in group]
        if kind == "letter":
            parts.append(
                format_html(
                    '<section class="letter">{}</section>',
                    format_html_join("", "<p>{}</p>", texts),
                )
            )
        else:
            tag = {"title": "h1", "heading": "h2", "paragraph": "p"}[kind]
            parts.append(format_html_join("", f"<{tag}>{{}}</{tag}>", texts))
    return format_html_join("", "{}", ((part,) for part in parts))


class ActualTextStream(Stream):
    """Workaround for two things WeasyPrint's PDFs lack for Urdu.

    1. WeasyPrint gives each glyph of a font one text (its ToUnicode map,
       first use wins), which Nastaliq defeats: Noto Nastaliq Urdu draws many
       letters with a shared skeleton glyph plus separate dots, so the text a
       reader copies, searches or hears would be other letters. Every cluster
       of glyphs whose mapped text is not its own text is marked with its text
       as /ActualText (PDF 1.7, 14.9.4), one cluster at a time, so that
       readers still put right-to-left text in order (Chromium's PDF output
       does the same).
    2. Nastaliq's letters step down the line (each glyph drawn with its own
       text rise) and lean over their neighbours, so a reader that rebuilds
       lines from where glyphs sit (poppler, pdf.js) cut words into pieces,
       put a final yeh on a line of its own, and spaced letters apart. In a
       right-to-left line every cluster is therefore marked, and its span
       opens and closes with an invisible (render mode 3), zero-width
       .notdef glyph on the baseline, where the cluster begins and ends in
       the line's flow. Readers place a span's text by the first and last
       glyph drawn in it, so the text of a line sits on one baseline in
       order, while the visible glyphs are drawn as Pango shaped them.

    Upstream has no option for either; tests/home/test_demo_documents.py
    fails if an upgrade stops this working."""

    _box = None
    _glyphs: list | None = None
    _span_open = False
    _rise = 0

    @contextmanager
    def marked(self, box, tag):
        with super().marked(box, tag):
            if not isinstance(box, TextBox):
                yield
                return
            self._box, self._glyphs = box, None
            try:
                yield
            finally:
                self._box = None

    def show_text(self, text):
        font = self._shown_font()
        if self._box is None or font is None or font.bitmap:
            super().show_text(text)
            return
        if self._glyphs is None:
            self._glyphs = _line_glyphs(self._box)
        parts: list[str] = []
        for token in TJ_TOKEN.findall(text):
            if token.startswith("<"):
                for index in range(1, len(token) - 1, 4):
                    self._glyph_start(parts, font)
                    parts.append(f"<{token[index : index + 4]}>")
            else:
                parts.append(token)
        if parts:
            super().show_text("".join(parts))

    def end_text(self):
        self._span_end(shift=0)
        super().end_text()

    def set_text_rise(self, height):
        self._rise = height
        super().set_text_rise(height)

    def _shown_font(self):
        if self._current_font is None:
            return None
        font_hash = self._current_font[0]
        return next(
            (font for font in self._fonts.values() if font.hash == font_hash), None
        )

    def _glyph_start(self, parts: list[str], font) -> None:
        if not self._glyphs:
            return
        cluster, first, x_offset = self._glyphs.pop(0)
        if not first:
            return
        mapped = "".join(font.to_unicode.get(glyph, "") for glyph in cluster.glyphs)
        anchored = self._box.style["direction"] == "rtl"
        if parts:
            super().show_text("".join(parts))
            parts.clear()
        # WeasyPrint has moved the pen by the glyph's own horizontal offset
        # (in thousandths of the font size); the anchors undo it.
        shift = x_offset / self._current_font[1] if x_offset else 0
        self._span_end(shift=shift)
        if mapped != cluster.text or anchored:
            self.begin_marked_content(
                "Span", pydyf.Dictionary({"ActualText": pydyf.String(cluster.text)})
            )
            self._span_open = True
            if anchored:
                width = font.widths.setdefault(0, 0)
                self._anchor(f"{_number(shift)}<0000>{_number(width - shift)}")

    def _span_end(self, *, shift) -> None:
        if not self._span_open:
            return
        if self._box is not None and self._box.style["direction"] == "rtl":
            width = self._shown_font().widths.setdefault(0, 0)
            self._anchor(f"{_number(shift + width)}<0000>{_number(-shift)}")
        self.end_marked_content()
        self._span_open = False

    def _anchor(self, operand: str) -> None:
        self.stream.append(
            f"0 Ts 3 Tr [{operand}] TJ 0 Tr {_number(self._rise)} Ts".encode()
        )


def _number(value) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") or "0"


# A TJ operand as WeasyPrint writes it: glyph ids in hex, 4 digits each, and
# position adjustments between them.
TJ_TOKEN = re.compile(r"<[0-9a-fA-F]*>|[^<]+")


@dataclass
class _Cluster:
    text: str
    glyphs: list[int]


def _line_glyphs(textbox) -> list[tuple[_Cluster, bool, int]]:
    """The glyphs WeasyPrint draws for a text box, in drawing order, each
    with its cluster (the text it stands for), whether it starts it, and its
    horizontal offset in Pango units."""
    line, _index = textbox.pango_layout.get_first_line()
    text = textbox.pango_layout.text.encode()
    glyphs: list[tuple[_Cluster, bool, int]] = []
    run = line.runs[0]
    while run != ffi.NULL:
        item, glyph_string = run.data.item, run.data.glyphs
        run = run.next
        starts = [glyph_string.log_clusters[i] for i in range(glyph_string.num_glyphs)]
        bounds = sorted(set(starts)) + [item.length]
        seen: dict[int, _Cluster] = {}
        previous = None
        for i, start in enumerate(starts):
            info = glyph_string.glyphs[i]
            glyph, x_offset = info.glyph, info.geometry.x_offset
            if glyph == pango.PANGO_GLYPH_EMPTY:
                continue
            if start == previous:
                glyphs[-1][0].glyphs.append(glyph)
                glyphs.append((glyphs[-1][0], False, x_offset))
                continue
            end = bounds[bounds.index(start) + 1]
            # A cluster split by other glyphs is its text once only.
            cluster_text = (
                ""
                if start in seen
                else text[item.offset + start : item.offset + end].decode()
            )
            cluster = seen[start] = _Cluster(cluster_text, [glyph])
            glyphs.append((cluster, True, x_offset))
            previous = start
    return glyphs


@contextmanager
def _actual_text_streams():
    original = weasyprint.pdf.Stream
    weasyprint.pdf.Stream = ActualTextStream
    try:
        yield
    finally:
        weasyprint.pdf.Stream = original


def document_pdf(*, blocks: list[TextBlock], language: str, title: str) -> bytes:
    """A printable A4 PDF of headings and paragraphs in one language: real
    text that can be searched, copied and read aloud, tagged for screen
    readers (PDF/UA), with the fonts it uses embedded."""
    html = format_html(
        DOCUMENT_HTML,
        language,
        "rtl" if language in RTL_LANGUAGES else "ltr",
        title,
        _document_body(blocks),
    )
    fonts = FontConfiguration()
    stylesheet = CSS(
        string=DOCUMENT_CSS, base_url=f"{FONTS.as_uri()}/", font_config=fonts
    )
    with _actual_text_streams():
        return HTML(string=html).write_pdf(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant="pdf/ua-1"
        )
