"""Everything on the site that anyone may send anything to, each with what to
send it and what must hold afterwards.

A new public form or link (a form page, unsubscribing, …) is covered by adding
a PublicEndpoint to PUBLIC_ENDPOINTS: the property test in test_bad_input.py
sends it its share of the generated submissions, checks that no answer is a
server error and that every refusal is a translated message, and runs the
entry's own `check` (for forms: nothing invalid was stored). What is sent is
made in generated_input.py; the supporter list and exports are in
supporter_endpoints.py.
"""

from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from hypothesis import strategies as st

from home.site_address import public_url
from petitions.forms import SignatureForm
from petitions.models import Signature
from petitions.services.signatures import (
    ConfirmOutcome,
    signature_confirm,
    signature_create,
)

from .form_endpoints import form_check, form_direct, form_send, form_submissions
from .generated_input import (
    LANGUAGES,
    PublicEndpoint,
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
    plausible_countries,
    plausible_emails,
    plausible_names,
    token_texts,
    tricky_text,
)
from .supporter_endpoints import (
    export_check,
    export_send,
    export_submissions,
    supporter_check,
    supporter_direct,
    supporter_link_check,
    supporter_link_direct,
    supporter_link_send,
    supporter_link_submissions,
    supporter_send,
    supporter_submissions,
)

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
    assert response.status_code in (200, 302, 403, 404, 413), response.status_code
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith(f"/{submission.language}/"), location
    if response.status_code == 200:
        errors = form_errors(response)
        assert errors, "a refused signature must say why"
        assert_translated(errors, submission.language)
    if response.status_code in (403, 404, 413):
        assert_translated_page(response, submission.language)
    assert_new_signatures_are_valid(targets)


def signature_direct(targets: Targets, submission: Submission) -> None:
    """The signing form and signature_create, as the view calls them."""
    page = targets.petition_pages[submission.language]
    with translation.override(submission.language):
        form = SignatureForm(form_data(submission.data))
        if not form.is_valid():
            assert_form_errors_translated(form, submission.language)
            return
        data = form.cleaned_data
        signature_create(
            page=page,
            name=data["name"],
            email=data["email"],
            city=data["city"],
            country=data["country"],
            consent_to_updates=data["notify"],
            consent_text=form.consent_text,
            language=submission.language,
            ip=client_address(submission),
            honeypot=data["subject"],
            base_url=public_url(),
        )
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
    return st.builds(Submission, language=languages(), data=token_texts())


def token_send(client: Client, targets: Targets, submission: Submission):

    return client.post(
        f"/{submission.language}/petitions/confirm/{quote(submission.data, safe='')}/"
    )


def token_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (400, 404), response.status_code
    assert_translated_page(response, submission.language)


def token_direct(targets: Targets, submission: Submission) -> None:
    result = signature_confirm(token=submission.data)
    assert result.outcome in (ConfirmOutcome.INVALID, ConfirmOutcome.EXPIRED)
    assert not Signature.objects.filter(confirmed_at__isnull=False).exists()


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
        signature_direct,
    ),
    PublicEndpoint(
        "petition signing form, raw bodies",
        500,
        raw_body_submissions,
        raw_body_send,
        raw_body_check,
    ),
    PublicEndpoint(
        "confirmation links",
        2_000,
        token_submissions,
        token_send,
        token_check,
        token_direct,
    ),
    PublicEndpoint(
        "form pages (volunteer form)",
        1_000,
        form_submissions,
        form_send,
        form_check,
        form_direct,
    ),
    PublicEndpoint(
        "supporter sign-up form",
        1_000,
        supporter_submissions,
        supporter_send,
        supporter_check,
        supporter_direct,
    ),
    PublicEndpoint(
        "supporter confirmation and unsubscribe links",
        1_500,
        supporter_link_submissions,
        supporter_link_send,
        supporter_link_check,
        supporter_link_direct,
    ),
    # Not public, but what staff type into a filter is input all the same.
    PublicEndpoint("staff exports", 300, export_submissions, export_send, export_check),
    PublicEndpoint("search", 1_000, search_submissions, search_send, search_check),
    PublicEndpoint("count endpoint", 1_500, count_submissions, count_send, count_check),
    PublicEndpoint(
        "pages after signing and any other address",
        1_000,
        page_path_submissions,
        page_path_send,
        page_path_check,
    ),
]
