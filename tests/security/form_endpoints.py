"""Form pages' public endpoint (sending a form), for PUBLIC_ENDPOINTS in
public_endpoints.py: aimed at the volunteer form of tests/campaigns, in
English and translated into Urdu and Hazaragi."""

from django.test import Client
from django.utils import translation
from hypothesis import strategies as st

from campaigns.form_builder import MULTILINE_MAX_LENGTH
from campaigns.models import FormPage, FormPageSubmission
from campaigns.services import form_submission_create
from home.site_address import public_url
from tests.campaigns.form_pages import FIELDS, po_translate, volunteer_page_add

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
    tricky_text,
)

FORM_FIELDS = {
    "your_name": plausible_names,
    "email_address": plausible_emails,
    "region": st.sampled_from(["1", "2", "3", "", "0", "4", "Quetta"]),
    "how_would_you_like_to_help": tricky_text(),
    "skills": st.lists(st.sampled_from(["1", "2", "3", "x"]), max_size=3),
    "keep_informed": st.sampled_from(["on", "", "true", "0"]),
    "homepage_url": st.just(""),
}
CHOICES_BY_LABEL = {label: choices for label, _type, _req, choices, _help in FIELDS}
ENGLISH_CHOICES = {
    "region": set(CHOICES_BY_LABEL["Region"].split("\n")),
    "skills": set(CHOICES_BY_LABEL["Skills"].split("\n")),
}


def form_pages(targets: Targets) -> dict[str, FormPage]:
    """The volunteer form in every language, made the first time it is
    needed (it needs the home pages that petition_pages made)."""
    if targets.form_pages is None:
        english = volunteer_page_add(targets.petition_pages["en"].get_parent())
        targets.form_pages = {
            "en": english,
            "ur": po_translate(english, "ur"),
            "haz": po_translate(english, "haz"),
        }
    return targets.form_pages


def form_submissions(targets: Targets) -> st.SearchStrategy[Submission]:
    form_pages(targets)
    data = st.fixed_dictionaries(
        {},
        optional={
            **{name: any_value(value) for name, value in FORM_FIELDS.items()},
            "extra": tricky_text(),
        },
    ) | st.fixed_dictionaries(
        # Often complete and plausible, so that storing is tested too.
        {
            "your_name": plausible_names,
            "email_address": plausible_emails,
            "region": st.sampled_from(["1", "2", "3"]),
        },
        optional={
            "how_would_you_like_to_help": any_value(tricky_text()),
            "skills": FORM_FIELDS["skills"],
            "keep_informed": any_value(FORM_FIELDS["keep_informed"]),
        },
    )
    return st.builds(
        Submission,
        language=languages(),
        data=data,
        headers=origin_headers(),
        target=st.one_of(st.just(None), st.integers(min_value=0, max_value=2**63 + 5)),
    )


def form_send(client: Client, targets: Targets, submission: Submission):
    page_id = submission.target
    if page_id is None:
        page_id = targets.form_pages[submission.language].pk
    return client.post(
        f"/{submission.language}/forms/{page_id}/send/",
        submission.data,
        **header_safe(submission.headers),
    )


def form_check(response, targets: Targets, submission: Submission) -> None:
    assert response.status_code in (200, 302, 403, 404, 413), response.status_code
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith(f"/{submission.language}/forms/"), location
    if response.status_code == 200:
        errors = form_errors(response)
        assert errors, "a refused form must say why"
        assert_translated(errors, submission.language)
    if response.status_code in (403, 404, 413):
        assert_translated_page(response, submission.language)
    assert_new_form_submissions_are_valid(targets)


def form_direct(targets: Targets, submission: Submission) -> None:
    """The form page's form and form_submission_create, as the view calls
    them."""
    page = targets.form_pages[submission.language]
    with translation.override(submission.language):
        form = page.get_form(form_data(submission.data), page=page, user=None)
        if not form.is_valid():
            assert_form_errors_translated(form, submission.language)
            return
        form_submission_create(
            page=page, form=form, ip=client_address(submission), base_url=public_url()
        )
    assert_new_form_submissions_are_valid(targets)


def assert_new_form_submissions_are_valid(targets: Targets) -> None:
    for stored in FormPageSubmission.objects.filter(
        pk__gt=targets.form_submissions_checked
    ).order_by("pk"):
        assert_form_submission_is_valid(stored, targets)
        targets.form_submissions_checked = stored.pk


def assert_form_submission_is_valid(stored: FormPageSubmission, targets) -> None:
    """Kept against the English page, under its field names, with English
    choices, within every limit, without NUL."""
    assert stored.page_id == targets.form_pages["en"].pk
    assert stored.language in LANGUAGES
    data = stored.form_data
    assert set(data) == {
        field.clean_name for field in targets.form_pages["en"].get_form_fields()
    }
    assert data["region"] in ENGLISH_CHOICES["region"]
    assert set(data["skills"]) <= ENGLISH_CHOICES["skills"]
    assert "@" in data["email_address"] and len(data["email_address"]) <= 254
    assert 0 < len(data["your_name"].strip()) <= 255
    assert len(data["how_would_you_like_to_help"]) <= MULTILINE_MAX_LENGTH
    for value in (data["your_name"], data["how_would_you_like_to_help"]):
        assert "\x00" not in value
