"""The demo's report and campaign kit are text PDFs: what a reader copies,
searches or hears is the document's text in its language. Read with Debian's
poppler-utils (pdftotext, pdffonts, pdfinfo), as a PDF viewer would."""

import re
import subprocess
import unicodedata

import pytest

from home.demo import content, media
from home.demo.build import demo_catalog

LANGUAGES = ("en", "ur", "haz")
FACES = {"en": "DejaVu-Sans", "ur": "Noto-Nastaliq-Urdu", "haz": "Vazirmatn"}
SENTENCE_END = re.compile(r"(?<=[.۔?؟:])\s+")


def translated(code, text):
    return text if code == "en" else demo_catalog(code)[text]


def document_blocks(code, key):
    title, blocks, _stem = content.DOCUMENTS[key]
    return [
        media.TextBlock("title", translated(code, title)),
        *(
            media.TextBlock(block.kind, translated(code, block.text))
            for block in blocks
        ),
    ]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Each document in each language, made as the demo makes them."""
    folder = tmp_path_factory.mktemp("documents")
    paths = {}
    for code in LANGUAGES:
        for key in content.DOCUMENTS:
            blocks = document_blocks(code, key)
            path = folder / f"{key}-{code}.pdf"
            path.write_bytes(
                media.document_pdf(blocks=blocks, language=code, title=blocks[0].text)
            )
            paths[key, code] = path
    return paths


def poppler(*command):
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def comparable(text):
    """Text as compared: compatibility forms folded (shaped Arabic script
    can come back as presentation forms), without spaces, line breaks or
    joining controls, which depend on where the lines break, and without
    punctuation and optional vowel marks, which readers place by position
    around numbers and letters in right-to-left lines. poppler gives the two
    letters of the lam-alef ligature in drawing order, so they are compared
    in either order."""
    return "".join(
        char
        for char in unicodedata.normalize("NFKC", text)
        if not char.isspace() and unicodedata.category(char)[0] not in "CPM"
    ).replace("لا", "ال")


@pytest.mark.parametrize("key", list(content.DOCUMENTS))
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_sentence_of_the_document_can_be_copied(documents, code, key):
    extracted = comparable(poppler("pdftotext", str(documents[key, code]), "-"))

    sentences = [
        sentence
        for block in document_blocks(code, key)
        for sentence in SENTENCE_END.split(block.text)
    ]
    assert len(sentences) > 10
    for sentence in sentences:
        assert comparable(sentence) in extracted, sentence


def test_the_kits_form_letter_can_be_copied_as_a_whole(documents):
    extracted = comparable(poppler("pdftotext", str(documents["kit", "en"]), "-"))

    letter = [block.text for block in content.KIT if block.kind == "letter"]
    assert letter[0] == "Dear Member of the Assembly,"
    assert comparable(" ".join(letter)) in extracted


@pytest.mark.parametrize("code", LANGUAGES)
def test_documents_are_tagged_titled_and_embed_the_sites_fonts(documents, code):
    for key in content.DOCUMENTS:
        path = str(documents[key, code])
        info = poppler("pdfinfo", path)
        fonts = poppler("pdffonts", path).splitlines()[2:]

        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        title = re.search(r"^Title:\s+(.*)$", info, re.M).group(1)
        assert title == document_blocks(code, key)[0].text
        assert fonts and all(line.split()[-5] == "yes" for line in fonts)
        assert any(FACES[code] in line for line in fonts), fonts


def test_documents_are_the_same_bytes_each_time():
    blocks = document_blocks("ur", "kit")

    first = media.document_pdf(blocks=blocks, language="ur", title="Kit")
    assert media.document_pdf(blocks=blocks, language="ur", title="Kit") == first
