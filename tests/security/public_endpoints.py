"""Everything on the site that anyone may send anything to, each with what to
send it and what must hold afterwards.

A new public form or link (a form page, unsubscribing, …) is covered by adding
a PublicEndpoint to PUBLIC_ENDPOINTS: the property test in test_bad_input.py
sends it its share of the generated submissions, checks that no answer is a
server error and that every refusal is a translated message, and runs the
entry's own `check` (for forms: nothing invalid was stored).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import strategies as st

from petitions.countries import country_choices
from petitions.forms import SignatureForm
from petitions.models import Signature

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
    # Signatures up to this id have been checked already.
    signatures_checked: int = 0


@dataclass(frozen=True)
class Submission:
    language: str
    data: Any
    headers: dict = field(default_factory=dict)
    target: Any = None


@dataclass(frozen=True)
class PublicEndpoint:
    """One public endpoint: its share of the generated submissions, how to
    make one, how to send it, and what must hold once it is answered."""

    name: str
    examples: int
    submissions: Callable[[Targets], st.SearchStrategy[Submission]]
    send: Callable[[Client, Targets, Submission], Any]
    check: Callable[[Any, Targets, Submission], None] = lambda *args: None


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


# The petition's signing form ---------------------------------------------------

SIGNATURE_FIELDS = {
    "name": plausible_names,
    "email": plausible_emails,
    "city": st.sampled_from(["Quetta", "کوئٹہ", "کویته", "", " Karachi "]),
    "country": plausible_countries,
    "notify": st.sampled_from(["on", "", "true", "0"]),
    "subject": st.just(""),
}


def signature_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    required = ("name", "email", "country")
    data = st.fixed_dictionaries(
        {},
        optional={
            **{name: any_value(value) for name, value in SIGNATURE_FIELDS.items()},
            "extra": tricky_text(),
        },
    ) | st.fixed_dictionaries(
        # Often complete and plausible, so that storing is tested too.
        {name: SIGNATURE_FIELDS[name] for name in required},
        optional={
            "city": any_value(SIGNATURE_FIELDS["city"]),
            "notify": any_value(SIGNATURE_FIELDS["notify"]),
        },
    )
    return st.builds(
        Submission,
        language=languages(),
        data=data,
        headers=origin_headers(),
        target=st.one_of(st.just(None), st.integers(min_value=0, max_value=2**63 + 5)),
    )


def signature_send(client: Client, targets: Targets, submission: Submission):
    page_id = submission.target
    if page_id is None:
        page_id = targets.petition_pages[submission.language].pk
    return client.post(
        f"/{submission.language}/petitions/{page_id}/sign/",
        submission.data,
        **header_safe(submission.headers),
    )


def signature_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (200, 302, 403, 404), response.status_code
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith(f"/{submission.language}/"), location
    if response.status_code == 200:
        errors = form_errors(response)
        assert errors, "a refused signature must say why"
        assert_translated(errors, submission.language)
    if response.status_code in (403, 404):
        assert_translated_page(response, submission.language)
    assert_new_signatures_are_valid(targets)


def assert_new_signatures_are_valid(targets: Targets) -> None:
    """What was stored since the last check would pass the form again:
    nothing invalid is kept."""
    for signature in Signature.objects.filter(
        pk__gt=targets.signatures_checked
    ).order_by("pk"):
        assert_signature_is_valid(signature)
        targets.signatures_checked = signature.pk


def assert_signature_is_valid(signature: Signature) -> None:
    form = SignatureForm(
        data={
            "name": signature.name,
            "email": signature.email,
            "city": signature.city,
            "country": signature.country,
        }
    )
    assert form.is_valid(), (signature.pk, form.errors.as_data())
    assert form.cleaned_data["name"] == signature.name
    assert signature.language in LANGUAGES
    for value in (signature.name, signature.email, signature.city):
        assert "\x00" not in value


# Confirmation links ------------------------------------------------------------


def token_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        language=languages(),
        data=st.one_of(
            tricky_text(),
            huge_text().map(lambda text: text[:3000]),
            st.from_regex(r"[0-9]{1,25}:[A-Za-z0-9_-]{0,30}:[A-Za-z0-9_-]{0,50}"),
        ),
    )


def token_send(client: Client, targets: Targets, submission: Submission):
    from urllib.parse import quote

    return client.get(
        f"/{submission.language}/petitions/confirm/{quote(submission.data, safe='')}/"
    )


def token_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (400, 404), response.status_code
    assert_translated_page(response, submission.language)


# Site search --------------------------------------------------------------------


def search_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        language=languages(),
        data=st.fixed_dictionaries(
            {},
            optional={
                "q": any_value(st.sampled_from(["hazara", "ہزارہ", "petition"])),
                "page": any_value(st.sampled_from(["1", "2", "0", "-1", "9999"])),
            },
        ),
    )


def search_send(client: Client, targets: Targets, submission: Submission):
    data = {
        key: value
        for key, value in submission.data.items()
        if not isinstance(value, SimpleUploadedFile)
    }
    return client.get(f"/{submission.language}/search/", data)


def search_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code == 200, response.status_code
    assert f'<html lang="{submission.language}"' in response.content.decode()


# The count endpoint -------------------------------------------------------------


def count_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        language=languages(),
        data=st.one_of(
            st.just(targets.petition.pk),
            st.integers(min_value=-(2**70), max_value=2**70),
            tricky_text(20),
        ),
        headers=st.fixed_dictionaries(
            {}, optional={"HTTP_ORIGIN": st.just("https://embed.example")}
        ),
    )


def count_send(client: Client, targets: Targets, submission: Submission):
    from urllib.parse import quote

    path_part = quote(str(submission.data), safe="")
    return client.get(
        f"/{submission.language}/petitions/{path_part}/count.json",
        **submission.headers,
    )


def count_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (200, 404), response.status_code
    if response.status_code == 200:
        body = response.json()
        assert set(body) == {"petition", "count", "count_display", "target", "open"}
        assert "@" not in response.content.decode()
    else:
        assert_translated_page(response, submission.language)


# Pages after signing and any other address --------------------------------------


def page_path_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        language=languages(),
        data=st.one_of(
            st.tuples(
                st.sampled_from(["thanks", "confirmed"]),
                st.one_of(
                    st.integers(min_value=-5, max_value=2**64),
                    st.sampled_from(
                        [page.pk for page in targets.petition_pages.values()]
                    ),
                ),
            ).map(lambda parts: f"petitions/{parts[1]}/{parts[0]}/"),
            tricky_text(40),
        ),
    )


def page_path_send(client: Client, targets: Targets, submission: Submission):
    from urllib.parse import quote

    return client.get(f"/{submission.language}/{quote(submission.data, safe='/')}")


def page_path_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (200, 301, 302, 404), response.status_code
    if response.status_code in (301, 302):
        assert response["Location"].startswith("/"), response["Location"]
        assert not response["Location"].startswith("//"), response["Location"]
    if response.status_code == 404:
        assert_translated_page(response, submission.language)


# Raw bodies: what no form would send ---------------------------------------------


def raw_body_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        language=languages(),
        data=st.tuples(
            st.sampled_from(
                [
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=xyz",
                    "multipart/form-data",
                    "application/json",
                    "text/plain; charset=utf-16",
                    "application/x-www-form-urlencoded; charset=klingon",
                ]
            ),
            st.one_of(
                st.binary(max_size=300),
                st.just(b"name=%FF%FE&email=a%40example.com&country=PK"),
                st.just(b'--xyz\r\nContent-Disposition: form-data; name="name"\r\n'),
                st.just(b"&".join([b"a=1"] * 1200)),
            ),
        ),
        headers=st.just({"HTTP_SEC_FETCH_SITE": "same-origin"}),
    )


def raw_body_send(client: Client, targets: Targets, submission: Submission):
    content_type, body = submission.data
    page = targets.petition_pages[submission.language]
    return client.generic(
        "POST",
        f"/{submission.language}/petitions/{page.pk}/sign/",
        body,
        content_type=content_type,
        **submission.headers,
    )


def raw_body_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code != 302:
        assert_translated_page(response, submission.language)
    assert_new_signatures_are_valid(targets)


PUBLIC_ENDPOINTS = [
    PublicEndpoint(
        "petition signing form",
        2_000,
        signature_submissions,
        signature_send,
        signature_check,
    ),
    PublicEndpoint(
        "petition signing form, raw bodies",
        500,
        raw_body_submissions,
        raw_body_send,
        raw_body_check,
    ),
    PublicEndpoint(
        "confirmation links", 3_000, token_submissions, token_send, token_check
    ),
    PublicEndpoint("search", 1_000, search_submissions, search_send, search_check),
    PublicEndpoint("count endpoint", 2_500, count_submissions, count_send, count_check),
    PublicEndpoint(
        "pages after signing and any other address",
        1_000,
        page_path_submissions,
        page_path_send,
        page_path_check,
    ),
]


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
