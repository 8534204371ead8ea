import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from petitions.models import Signature
from petitions.selectors import (
    InvalidationCriteria,
    invalidation_preview,
    petition_counts_by_language,
)
from petitions.services.signatures import petition_reconcile
from petitions.services.staff import InvalidationChanged, signatures_invalidate
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import add_signature, shown_count, staff_user

pytestmark = pytest.mark.django_db

URL = "/admin/invalidate_signatures/"


def confirm_from_preview(client, preview_response):
    """Post the preview's own confirmation form, as a staff member would."""
    confirm = preview_response.context["confirm"]
    data = {
        name: confirm[name].value() if confirm[name].value() is not None else ""
        for name in confirm.fields
    }
    if data.get("petition") is None:
        data["petition"] = ""
    data["reason"] = "Sign-ups from a throwaway address service"
    return client.post(URL, data)


@pytest.fixture
def signed(petition):
    """Two petitions' worth of signatures: four at a throwaway domain (one
    pending, one suspect), three elsewhere."""
    for n in range(3):
        add_signature(petition, f"bot{n}@throwaway.example", language="ur")
    add_signature(petition, "bot3@mx.throwaway.example", state="pending")
    add_signature(petition, "ali@example.com", language="haz")
    add_signature(petition, "zahra@example.com", language="ur")
    add_signature(petition, "karim@example.com", state="suspect")
    petition_reconcile(petition=petition)
    return petition


def test_preview_by_domain_equals_what_is_then_invalidated_and_counts_drop(
    admin_client, client, petition_pages, signed
):
    assert shown_count(client, petition_pages["en"].url) == "5"

    preview = admin_client.get(URL, {"domain": "@Throwaway.Example"})

    assert preview.status_code == 200
    assert preview.context["preview"].total == 4
    assert preview.context["preview"].counted == 3
    html = preview.content.decode()
    assert "This will invalidate 4 signatures, of which 3 count now." in html

    done = confirm_from_preview(admin_client, preview)

    assert done.status_code == 302
    invalid = Signature.objects.filter(state="invalid")
    assert set(invalid.values_list("email", flat=True)) == {
        "bot0@throwaway.example",
        "bot1@throwaway.example",
        "bot2@throwaway.example",
        "bot3@mx.throwaway.example",
    }
    assert shown_count(client, petition_pages["en"].url) == "2"
    assert shown_count(client, petition_pages["haz"].url) == "۲"
    signed.refresh_from_db()
    assert petition_counts_by_language(petition=signed) == {"haz": 1, "ur": 1}
    entry = ModelLogEntry.objects.get(action="petitions.invalidate")
    assert entry.data["signatures"] == 4
    assert entry.object_id == str(signed.pk)


def test_invalidation_by_date_range_touches_only_those_days(admin_client, signed):
    old = timezone.now() - datetime.timedelta(days=10)
    Signature.objects.filter(email__startswith="bot").update(created_at=old)
    day = old.date().isoformat()

    preview = admin_client.get(URL, {"signed_from": day, "signed_to": day})
    assert preview.context["preview"].total == 4
    confirm_from_preview(admin_client, preview)

    assert Signature.objects.filter(state="invalid").count() == 4
    assert not Signature.objects.filter(state="invalid", created_at__gt=old).exists()


def test_signatures_chosen_in_the_list_are_invalidated(admin_client, signed):
    listing = admin_client.get("/admin/signatures/")
    assert 'form="signature-selection"' in listing.content.decode()
    chosen = list(
        Signature.objects.filter(email__in=["ali@example.com", "karim@example.com"])
        .order_by("pk")
        .values_list("pk", flat=True)
    )

    preview = admin_client.get(URL, {"ids": [str(pk) for pk in chosen]})
    assert preview.context["preview"].total == 2
    assert preview.context["preview"].counted == 1
    confirm_from_preview(admin_client, preview)

    assert (
        sorted(Signature.objects.filter(state="invalid").values_list("pk", flat=True))
        == chosen
    )


def test_signatures_arriving_after_the_preview_are_not_touched(signed, admin_user):
    criteria = InvalidationCriteria(domain="throwaway.example")
    preview = invalidation_preview(criteria=criteria)
    latecomer = add_signature(signed, "bot9@throwaway.example")

    count = signatures_invalidate(
        criteria=criteria,
        max_id=preview.max_id,
        expected=preview.total,
        reason="Bots",
        user=admin_user,
    )

    assert count == preview.total == 4
    latecomer.refresh_from_db()
    assert latecomer.state == "confirmed"


def test_a_set_that_changed_since_the_preview_invalidates_nothing(admin_client, signed):
    preview = admin_client.get(URL, {"domain": "throwaway.example"})
    Signature.objects.filter(email="bot0@throwaway.example").delete()

    response = confirm_from_preview(admin_client, preview)

    assert response.status_code == 200
    assert response.context["preview"].total == 3
    assert not Signature.objects.filter(state="invalid").exists()
    with pytest.raises(InvalidationChanged):
        signatures_invalidate(
            criteria=InvalidationCriteria(domain="throwaway.example"),
            max_id=preview.context["preview"].max_id,
            expected=4,
            reason="Bots",
            user=None,
        )


def test_a_petition_alone_is_not_enough_to_invalidate(admin_client, signed):
    response = admin_client.get(URL, {"petition": signed.pk, "domain": ""})
    assert "preview" not in response.context

    response = admin_client.post(
        URL, {"petition": signed.pk, "max_id": 999, "expected": 7}
    )

    assert response.status_code == 200
    assert "A petition alone is not enough" in response.content.decode()
    assert not Signature.objects.filter(state="invalid").exists()


def test_invalidating_needs_the_change_permission(client, signed):
    client.force_login(staff_user("petitions.view_signature"))

    response = client.post(
        URL, {"domain": "throwaway.example", "max_id": 999, "expected": 4}
    )

    assert response.status_code == 302
    assert not Signature.objects.filter(state="invalid").exists()
