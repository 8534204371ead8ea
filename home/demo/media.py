"""Pictures and documents for the demo site, drawn with Pillow so that no
photograph or binary file needs to live in the repository.

Everything here is deterministic: the same text gives the same bytes, so the
demo command can tell whether a file needs replacing."""

import io
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "home" / "fonts"
RTL_FONTS = {
    "ur": FONTS / "noto-nastaliq-urdu-arabic-400-normal.woff2",
    "haz": FONTS / "vazirmatn-arabic-400-normal.woff2",
}
# Nastaliq stacks letters diagonally and needs far more room between lines.
LINE_HEIGHT = {"en": 1.5, "ur": 2.3, "haz": 1.9}
# The site's fonts are Arabic-script subsets: their digits are the Eastern
# ones, and Latin punctuation comes from Pillow's built-in face.
EASTERN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_SCRIPT = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x200C, 0x200F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
MIRRORED = str.maketrans("()[]«»", ")(][»«")
FIXED_TIME = time.gmtime(0)

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
    kind: str  # "title", "heading" or "paragraph"
    text: str


DPI = 150
PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN = 120
POINTS = {"title": 44, "heading": 32, "paragraph": 25}


def _is_arabic_script(char: str) -> bool:
    code = ord(char)
    return char == " " or any(start <= code <= end for start, end in ARABIC_SCRIPT)


class _Typesetter:
    def __init__(self, language: str):
        self.language = language
        self.rtl = language in RTL_FONTS
        self._lengths: dict[tuple[str, str, str], float] = {}
        self.fallback = {
            kind: ImageFont.load_default(size) for kind, size in POINTS.items()
        }
        self.fonts = {
            kind: ImageFont.truetype(str(RTL_FONTS[language]), size)
            for kind, size in POINTS.items()
            if self.rtl
        }

    def prepare(self, text: str) -> str:
        return text.translate(EASTERN_DIGITS) if self.rtl else text

    def runs(self, text: str, kind: str):
        """Split a line into runs of one kind each: Arabic script (drawn with
        the site's face), Latin words and neutral punctuation (drawn with
        Pillow's built-in face, which has what the subset lacks). Spaces stay
        with the run before them, so a Latin phrase stays one run."""
        if not self.rtl:
            return [(text, "latin")]
        runs: list[tuple[str, str]] = []
        for char in text:
            if char == " " and runs:
                runs[-1] = (runs[-1][0] + char, runs[-1][1])
                continue
            if _is_arabic_script(char):
                sort = "arabic"
            elif char.isalnum():
                sort = "latin"
            else:
                sort = "neutral"
            if runs and runs[-1][1] == sort:
                runs[-1] = (runs[-1][0] + char, sort)
            else:
                runs.append((char, sort))
        return runs

    def _run_length(self, run: str, sort: str, kind: str) -> float:
        key = (run, sort, kind)
        if key not in self._lengths:
            if sort == "arabic":
                self._lengths[key] = self.fonts[kind].getlength(
                    run, direction="rtl", language=self.language
                )
            else:
                self._lengths[key] = self.fallback[kind].getlength(run)
        return self._lengths[key]

    def width(self, text: str, kind: str) -> float:
        # Words are measured once each: shaping never joins across a space.
        return sum(
            self._run_length(run, sort, kind)
            for word in text.split(" ")
            for run, sort in self.runs(word + " ", kind)
        )

    def lines(self, text: str, kind: str, width: int) -> list[str]:
        lines, current = [], ""
        for word in self.prepare(text).split():
            candidate = f"{current} {word}".strip()
            if current and self.width(candidate, kind) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines

    def draw_line(self, draw, y: int, line: str, kind: str) -> None:
        if not self.rtl:
            draw.text((MARGIN, y), line, font=self.fallback[kind], fill=0, anchor="ls")
            return
        # Right-to-left: the runs of a line are laid out from the right edge
        # in reading order; runs of neutral punctuation are mirrored.
        x = PAGE[0] - MARGIN
        for run, sort in self.runs(line, kind):
            x -= self._run_length(run, sort, kind)
            if sort == "arabic":
                draw.text(
                    (x, y),
                    run,
                    font=self.fonts[kind],
                    fill=0,
                    anchor="ls",
                    direction="rtl",
                    language=self.language,
                )
            else:
                if sort == "neutral":
                    run = run.translate(MIRRORED)[::-1]
                draw.text((x, y), run, font=self.fallback[kind], fill=0, anchor="ls")


def document_pdf(*, blocks: list[TextBlock], language: str, title: str) -> bytes:
    """A printable A4 PDF of headings and paragraphs in one language."""
    setter = _Typesetter(language)
    pages = []
    text_width = PAGE[0] - 2 * MARGIN

    def new_page():
        page = Image.new("L", PAGE, 255)
        pages.append(page)
        return ImageDraw.Draw(page), MARGIN

    draw, y = new_page()
    for block in blocks:
        size = POINTS[block.kind]
        step = round(size * LINE_HEIGHT[language])
        y += round(step * (0.9 if block.kind != "paragraph" else 0.3))
        for line in setter.lines(block.text, block.kind, text_width):
            if y + step > PAGE[1] - MARGIN:
                draw, y = new_page()
            y += step
            setter.draw_line(draw, y, line, block.kind)
        y += round(step * 0.4)
    buffer = io.BytesIO()
    bilevel = [
        page.point(lambda value: 255 if value > 150 else 0).convert("1")
        for page in pages
    ]
    bilevel[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=bilevel[1:],
        resolution=DPI,
        title=title,
        creationDate=FIXED_TIME,
        modDate=FIXED_TIME,
    )
    return buffer.getvalue()
