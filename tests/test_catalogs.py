"""The Urdu and Hazaragi catalogs: complete, current with the code, and used on
every page a visitor sees."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import django
import polib
import pytest
import wagtail
from bs4 import BeautifulSoup
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.home.translation_steps import add_campaign, locale

LANGUAGES = ["ur", "haz"]
PROJECT = Path(settings.BASE_DIR)
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def catalog(code: str) -> polib.POFile:
    return polib.pofile(PROJECT / "locale" / code / "LC_MESSAGES" / "django.po")


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_has_no_untranslated_fuzzy_or_obsolete_entry(code):
    po = catalog(code)

    assert len(po) > 0
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []
    for entry in po:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_every_placeholder(code):
    for entry in catalog(code):
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        translations = (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        for text in translations:
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry.msgid


def test_catalogs_hold_exactly_the_strings_of_the_code(tmp_path):
    """What `make messages` would extract today is what the catalogs hold."""
    copy = tmp_path / "project"
    shutil.copytree(
        PROJECT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "node_modules",
            "locale",
            "media",
            "staticfiles",
            "var",
            "__pycache__",
            "*.sqlite3",
        ),
    )
    for code in LANGUAGES:
        (copy / "locale" / code / "LC_MESSAGES").mkdir(parents=True)

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ur", "-l", "haz"]
        + ["--ignore=node_modules", "--ignore=staticfiles", "--no-obsolete", "-v0"],
        cwd=copy,
        check=True,
    )

    for code in LANGUAGES:
        extracted = polib.pofile(copy / "locale" / code / "LC_MESSAGES" / "django.po")
        committed = catalog(code)
        keys = {(entry.msgctxt, entry.msgid) for entry in extracted}
        assert keys == {(entry.msgctxt, entry.msgid) for entry in committed}, (
            "run `make messages` and translate the new strings"
        )


def test_framework_messages_are_the_frameworks_own():
    """Each Django or Wagtail message we translate must be spelled exactly as
    the framework spells it, or our translation is never used."""
    framework = set()
    for package in (django, wagtail):
        root = Path(package.__file__).parent
        for path in root.glob("**/locale/en/LC_MESSAGES/django.po"):
            framework |= {(entry.msgctxt, entry.msgid) for entry in polib.pofile(path)}

    ours = [
        (entry.msgctxt, entry.msgid)
        for entry in catalog("haz")
        if any(
            path == "home/framework_messages.py" for path, _line in entry.occurrences
        )
    ]

    assert len(ours) > 50
    assert [key for key in ours if key not in framework] == []


@pytest.mark.parametrize(
    ("code", "required", "too_long"),
    [
        (
            "ur",
            "یہ خانہ پُر کرنا ضروری ہے۔",
            "یقینی بنائیں کہ اس میں زیادہ سے زیادہ 3 حروف ہوں (اس میں 6 ہیں)۔",
        ),
        (
            "haz",
            "ای خانه ضروری استه.",
            "ای متن باید بیشتر از 3 حرف نبشه (6 حرف دره).",
        ),
    ],
)
def test_form_errors_reach_visitors_in_their_language(code, required, too_long):
    field = forms.CharField(max_length=3)

    with translation.override(code):
        with pytest.raises(ValidationError) as empty:
            field.clean("")
        with pytest.raises(ValidationError) as long:
            field.clean("abcdef")
        # Messages are translated when read, in the visitor's language.
        assert empty.value.messages == [required]
        assert long.value.messages == [too_long]


def visible_text(html: str, code: str) -> str:
    """The text and labels a reader of this language sees: nothing inside an
    element marked as another language (the language switcher, an English
    page shown with its notice) and no scripts."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "template"]):
        element.decompose()
    for element in soup.select("[lang]"):
        if element.decomposed or element.name == "html":
            continue
        if element["lang"] != code:
            element.decompose()
    attributes = [
        value
        for element in soup.find_all(True)
        for name in ("aria-label", "placeholder", "title", "alt", "value")
        if (value := element.get(name))
    ]
    return " ".join([soup.get_text(" "), *attributes])


def english_fragments(entry: polib.POEntry) -> list[str]:
    """The English words of a msgid that would show if it were untranslated."""
    fragments = []
    for text in filter(None, [entry.msgid, entry.msgid_plural]):
        fragments += [
            part.strip()
            for part in PLACEHOLDER.split(text)
            if len(part.strip()) > 2 and re.search("[A-Za-z]", part)
        ]
    return fragments


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_show_no_untranslated_fixed_string(client, home_page, code):
    # Page titles are content, translated by translators, not fixed strings.
    language_home = home_page.get_translation(locale(code))
    language_home.title = {"ur": "سرورق", "haz": "خانه"}[code]
    language_home.save_revision().publish()
    campaign = add_campaign(home_page)
    translated = campaign.copy_for_translation(locale(code))
    translated.title = {"ur": "ہزارہ کے ساتھ", "haz": "قد هزاره‌ها"}[code]
    translated.intro = "<p>" + translated.title + "</p>"
    translated.save_revision().publish()
    alias = add_campaign(home_page, title="Report", slug="report")
    alias.copy_for_translation(locale(code), alias=True)
    paths = [
        f"/{code}/",
        f"/{code}/stand-with-hazara/",
        f"/{code}/report/",
        f"/{code}/search/",
        f"/{code}/search/?q=hazara",
        f"/{code}/search/?q=zzzz",
        f"/{code}/no-such-page/",
    ]
    fragments = {
        fragment
        for entry in catalog(code)
        if entry.msgstr != entry.msgid
        for fragment in english_fragments(entry)
    }

    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        text = visible_text(response.content.decode(), code)
        shown = [
            fragment
            for fragment in fragments
            if re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", text)
        ]
        assert shown == [], path
