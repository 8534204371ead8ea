"""The supporter list's public endpoints (joining, the links in its emails)
and the staff exports, for PUBLIC_ENDPOINTS in public_endpoints.py."""

import csv
import io
from urllib.parse import quote

from django.test import Client
from django.utils import translation
from hypothesis import strategies as st

from home.site_address import public_url
from supporters.forms import SupporterForm
from supporters.models import Supporter
from supporters.services import (
    SupporterConfirmOutcome,
    UnsubscribeOutcome,
    supporter_confirm,
    supporter_signup,
    supporter_unsubscribe,
)
from tests.petitions.conftest import add_signature, staff_user

from .generated_input import (
    LANGUAGES,
    Submission,
    Targets,
    any_value,
    assert_form_errors_translated,
    assert_translated,
    assert_translated_page,
    client_address,
    form_data,
    form_errors,
    header_safe,
    languages,
    origin_headers,
    plausible_emails,
    plausible_names,
    token_texts,
    tricky_text,
)

# Joining the supporter list -------------------------------------------------------

SUPPORTER_FIELDS = {
    "name": plausible_names,
    "email": plausible_emails,
    "consent": st.sampled_from(["on", "", "true", "0"]),
    "subject": st.just(""),
}


def supporter_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    data = st.fixed_dictionaries(
        {},
        optional={
            **{name: any_value(value) for name, value in SUPPORTER_FIELDS.items()},
            "extra": tricky_text(),
        },
    ) | st.fixed_dictionaries(
        # Often complete and plausible, so that storing is tested too.
        {"email": plausible_emails, "consent": st.just("on")},
        optional={"name": any_value(plausible_names)},
    )
    return st.builds(
        Submission, language=languages(), data=data, headers=origin_headers()
    )


def supporter_send(client: Client, targets: Targets, submission: Submission):
    return client.post(
        f"/{submission.language}/supporters/join/",
        submission.data,
        **header_safe(submission.headers),
    )


def supporter_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (200, 302, 403, 413), response.status_code
    if response.status_code == 302:
        assert response["Location"] == f"/{submission.language}/supporters/join/thanks/"
    if response.status_code == 200:
        errors = form_errors(response)
        assert errors, "a refused sign-up must say why"
        assert_translated(errors, submission.language)
    if response.status_code == 403:
        assert_translated_page(response, submission.language)
    assert_new_supporters_are_valid(targets)


def supporter_direct(targets: Targets, submission: Submission) -> None:
    """The sign-up form and supporter_signup, as the view calls them."""
    with translation.override(submission.language):
        form = SupporterForm(form_data(submission.data))
        if not form.is_valid():
            assert_form_errors_translated(form, submission.language)
            return
        data = form.cleaned_data
        supporter_signup(
            email=data["email"],
            name=data["name"],
            language=submission.language,
            consent_text=form.consent_text,
            source=Supporter.Source.SIGNUP,
            source_detail="",
            ip=client_address(submission),
            honeypot=data["subject"],
            base_url=public_url(),
        )
    assert_new_supporters_are_valid(targets)


def assert_new_supporters_are_valid(targets: Targets) -> None:
    for supporter in Supporter.objects.filter(
        pk__gt=targets.supporters_checked
    ).order_by("pk"):
        assert_supporter_is_valid(supporter)
        targets.supporters_checked = supporter.pk


def assert_supporter_is_valid(supporter: Supporter) -> None:
    """Would pass the sign-up form again, waits for its confirmation, and
    keeps the consent it was given with."""
    form = SupporterForm(
        data={"name": supporter.name, "email": supporter.email, "consent": "on"}
    )
    assert form.is_valid(), (supporter.pk, form.errors.as_data())
    assert form.cleaned_data["name"] == supporter.name
    assert supporter.state == Supporter.State.PENDING
    assert supporter.consent_text and supporter.consent_at
    assert supporter.language in LANGUAGES


# Links in supporter emails: confirming a sign-up, unsubscribing ------------------

SUPPORTER_LINKS = [
    ("confirm", "GET"),
    ("confirm", "POST"),
    ("unsubscribe", "GET"),
    # What a mail program's own unsubscribe button sends (RFC 8058).
    ("unsubscribe", "POST"),
]


def supporter_link_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        language=languages(),
        data=token_texts(),
        target=st.sampled_from(SUPPORTER_LINKS),
        headers=st.one_of(st.just({}), origin_headers()),
    )


def supporter_link_send(client: Client, targets: Targets, submission: Submission):
    link, method = submission.target
    return client.generic(
        method,
        f"/{submission.language}/supporters/{link}/{quote(submission.data, safe='')}/",
        "List-Unsubscribe=One-Click" if method == "POST" else "",
        content_type="application/x-www-form-urlencoded",
        **header_safe(submission.headers),
    )


def supporter_link_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (200, 400, 403, 404, 413), response.status_code
    assert_translated_page(response, submission.language)
    assert not Supporter.objects.exclude(state=Supporter.State.PENDING).exists()


def supporter_link_direct(targets: Targets, submission: Submission) -> None:
    link, _method = submission.target
    if link == "confirm":
        outcome = supporter_confirm(token=submission.data).outcome
        assert outcome in (
            SupporterConfirmOutcome.INVALID,
            SupporterConfirmOutcome.EXPIRED,
        )
    else:
        assert (
            supporter_unsubscribe(token=submission.data) == UnsubscribeOutcome.INVALID
        )
    assert not Supporter.objects.exclude(state=Supporter.State.PENDING).exists()


# Staff exports ----------------------------------------------------------------------

EXPORTS = ["/admin/signatures/export/", "/admin/supporters/export/"]
EXPORT_FILTERS = {
    "format": st.sampled_from(["csv", "xlsx", "pdf", ""]),
    "language": st.sampled_from([*LANGUAGES, "xx"]),
    "state": st.sampled_from(["confirmed", "pending", "invalid", "nonsense"]),
    "petition": st.integers(min_value=-5, max_value=2**64).map(str),
    "q": st.sampled_from(["example", "@example.org", "ہزارہ", "=cmd"]),
    "created_at_from": st.sampled_from(["2026-01-01", "2026-13-45", "yesterday"]),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def staff_client(targets: Targets) -> Client:
    """Signed in as staff allowed to export, with hostile rows to export."""
    if targets.staff_client is None:
        user = staff_user(
            "petitions.view_signature",
            "supporters.view_supporter",
            "supporters.export_personal_data",
            username="exporter",
        )
        for number, name in enumerate(
            ['=HYPERLINK("http://evil.example","x")', "<script>alert(1)</script>"]
        ):
            add_signature(targets.petition, f"hostile{number}@example.org", name=name)
            Supporter.objects.create(
                email=f"hostile{number}@example.org",
                email_canonical=f"hostile{number}@example.org",
                name=name,
                language="ur",
                state=Supporter.State.SUBSCRIBED,
                source=Supporter.Source.SIGNUP,
            )
        targets.staff_client = Client()
        targets.staff_client.force_login(user)
    return targets.staff_client


def export_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    return st.builds(
        Submission,
        language=st.just("en"),
        data=st.fixed_dictionaries(
            {},
            optional={
                name: st.one_of(value, tricky_text(30))
                for name, value in EXPORT_FILTERS.items()
            },
        ),
        target=st.sampled_from(EXPORTS),
    )


def export_send(client: Client, targets: Targets, submission: Submission):
    return staff_client(targets).get(submission.target, submission.data)


def export_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code == 200, response.status_code
    # A download, never a page a browser would render.
    assert response["Content-Disposition"].startswith("attachment"), response
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), cell
    else:
        assert body.startswith(b"PK"), body[:20]
