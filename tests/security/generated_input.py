"""What the property tests send and how they judge the answers: generated
text of every kind, the shape of a submission and of a public endpoint, and
what a refusal must look like. The endpoints themselves are in
public_endpoints.py."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.http import QueryDict
from django.test import Client
from hypothesis import strategies as st

from petitions.countries import country_choices

LANGUAGES = [code for code, _name in settings.LANGUAGES]
RIGHT_TO_LEFT = {"ur", "haz"}
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

# Characters that have broken sites before: bidirectional overrides and
# isolates (the "RTLO" trick that turns "gpj.exe" around), invisible joiners,
# a byte-order mark, NUL and other controls, combining marks, lone halves of
# pairs that UTF-8 can still carry, and letters of the scripts our visitors use.
TRICKY = [
    "\u202e",
    "\u202d",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\x00",
    "\x1b",
    "\r\n",
    "\u0301",
    "\u0670",
    "\ufdfd",
    "\U0001f1f5\U0001f1f0",
    "ﷺ",
    "ہزارہ",
    "هزاره‌ها",
    "%00",
    "%2e%2e%2f",
    "../",
    "<script>alert(1)</script>",
    "\"'><svg onload=alert(1)>",
    '=HYPERLINK("http://evil.example")',
    "{{ 7|add:7 }}",
    "{% debug %}",
    "' OR 1=1 --",
]


def tricky_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Any Unicode that can be sent, salted with the characters above."""
    return st.lists(
        st.one_of(
            st.text(st.characters(codec="utf-8"), max_size=10),
            st.sampled_from(TRICKY),
        ),
        max_size=max_size // 10,
    ).map("".join)


def huge_text() -> st.SearchStrategy[str]:
    """Just over a field's limit, or far over it (up to 150,000 characters),
    built by repetition so that making it costs nothing."""
    return st.builds(
        lambda unit, times: unit * times,
        st.sampled_from(["a", "ہ", "\u202e", "ab ", "x@", "\ufdfd"]),
        st.sampled_from([101, 201, 255, 1_000, 65_536, 150_000]),
    )


def wrong_types() -> st.SearchStrategy[Any]:
    """What a field expecting text should also survive: numbers, booleans,
    several values for one field, a file."""
    return st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.lists(tricky_text(20), min_size=2, max_size=4),
        st.builds(
            lambda content: SimpleUploadedFile("a.txt", content),
            st.binary(max_size=50),
        ),
    )


def any_value(plausible: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(plausible, plausible, tricky_text(), huge_text(), wrong_types())


plausible_names = st.builds(
    lambda first, middle, last: f"{first}{middle}{last}",
    st.sampled_from(["Ali", "علی", "زہرا", "Fatima", "محمد", "Sakina"]),
    st.sampled_from(["", " ", "\u200c", "\u202e", "  ", "\u200f"]),
    st.sampled_from(["", " Hazara", " رضا", " حسین", " Changezi"]),
)
plausible_emails = st.one_of(
    st.from_regex(r"[a-z][a-z0-9.+_-]{0,20}@example\.(com|org|pk)", fullmatch=True),
    st.emails(),
)
plausible_countries = st.sampled_from([code for code, _name in country_choices()])


@dataclass
class Targets:
    """What the site holds for the endpoints to aim at."""

    petition_pages: dict
    petition: Any
    # Signatures and supporters up to these ids have been checked already.
    signatures_checked: int = 0
    supporters_checked: int = 0
    # Signed in with the export permission, once an endpoint needs it.
    staff_client: Client | None = None
    # The volunteer form page by language, once an endpoint needs it, and
    # its submissions checked so far.
    form_pages: dict | None = None
    form_submissions_checked: int = 0


@dataclass(frozen=True)
class Submission:
    language: str
    data: Any
    headers: dict = field(default_factory=dict)
    target: Any = None


# An endpoint with a form and service layer gets this share of its
# submissions over HTTP; the rest go to the layer in-process.
HTTP_SHARE = 5


@dataclass(frozen=True)
class PublicEndpoint:
    """One public endpoint: its share of the generated submissions, how to
    make one, how to send it, and what must hold once it is answered.

    `direct`, where the endpoint has one, takes a submission to the form and
    the service behind the view in-process (no middleware, view or template)
    and checks what must hold itself: most of the endpoint's submissions go
    there, 1 in HTTP_SHARE through the whole site."""

    name: str
    examples: int
    submissions: Callable[[Targets], st.SearchStrategy[Submission]]
    send: Callable[[Client, Targets, Submission], Any]
    check: Callable[[Any, Targets, Submission], None] = lambda *args: None
    direct: Callable[[Targets, Submission], None] | None = None

    @property
    def http_examples(self) -> int:
        if self.direct is None:
            return self.examples
        return self.examples // HTTP_SHARE

    @property
    def direct_examples(self) -> int:
        return self.examples - self.http_examples


def languages() -> st.SearchStrategy[str]:
    return st.sampled_from(LANGUAGES)


def origin_headers() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {},
        optional={
            "HTTP_SEC_FETCH_SITE": st.one_of(
                st.sampled_from(["same-origin", "none", "cross-site", "same-site"]),
                tricky_text(20),
            ),
            "HTTP_ORIGIN": st.one_of(
                st.sampled_from(["http://testserver", "null", "https://evil.example"]),
                tricky_text(20),
            ),
            "REMOTE_ADDR": st.one_of(st.ip_addresses().map(str), tricky_text(20)),
            "HTTP_X_FORWARDED_FOR": tricky_text(40),
            "HTTP_ACCEPT_LANGUAGE": tricky_text(20),
        },
    )


def form_data(data: dict) -> QueryDict:
    """What a view's request.POST would hold for `data` sent as the test
    client sends it: several values for a list, text for numbers and
    booleans, files left out (they go to request.FILES)."""
    query = QueryDict(mutable=True)
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        texts = [str(item) for item in values if not isinstance(item, UploadedFile)]
        if texts:
            query.setlist(name, texts)
    return query


def client_address(submission: Submission) -> str:
    """The address a view would give the service: whatever REMOTE_ADDR
    said (client_ip takes it as it comes)."""
    return header_safe(submission.headers).get("REMOTE_ADDR", "127.0.0.1")


def assert_form_errors_translated(form, language: str) -> None:
    """A refused form says why, in the visitor's language."""
    messages = [str(message) for errors in form.errors.values() for message in errors]
    assert messages, "a refused form must say why"
    assert_translated(messages, language)


def header_safe(headers: dict) -> dict:
    # WSGI carries headers as Latin-1 strings: anything else is not something
    # a client can send, so it is dropped here rather than sent.
    safe = {}
    for name, value in headers.items():
        try:
            value.encode("latin-1")
        except UnicodeEncodeError:
            continue
        safe[name] = value.replace("\x00", "")
    return safe


def token_texts() -> st.SearchStrategy[str]:
    """Anything in a link's token, often shaped like a signed one."""
    return st.one_of(
        tricky_text(),
        huge_text().map(lambda text: text[:3000]),
        st.from_regex(r"[0-9]{1,25}:[A-Za-z0-9_-]{0,30}:[A-Za-z0-9_-]{0,50}"),
        st.from_regex(
            r"(signature|supporter):[0-9]{1,25}:[A-Za-z0-9_-]{0,30}:[A-Za-z0-9_-]{0,50}"
        ),
    )


# What a refusal must look like ---------------------------------------------------


# Our own templates, read with patterns: parsing thousands of pages with a
# full HTML parser would cost most of the test's time.
ERROR_BOX = re.compile(r'<div class="site-form__errors".*?</ul>', re.DOTALL)
ERROR_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def form_errors(response) -> list[str]:
    box = ERROR_BOX.search(response.content.decode())
    if box is None:
        return []
    return [TAG.sub("", item).strip() for item in ERROR_ITEM.findall(box.group(0))]


def assert_translated(messages: list[str], language: str) -> None:
    if language in RIGHT_TO_LEFT:
        for message in messages:
            assert ARABIC_SCRIPT.search(message), f"untranslated: {message!r}"


def assert_translated_page(response, language: str) -> None:
    """An error page in the visitor's language with a heading saying what
    went wrong."""
    html = response.content.decode()
    assert f'<html lang="{language}"' in html, html[:300]
    heading = HEADING.search(html)
    assert heading is not None and TAG.sub("", heading.group(1)).strip(), html[:300]
    assert_translated([TAG.sub("", heading.group(1))], language)
