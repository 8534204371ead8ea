"""Writes for campaign staff: bulk invalidation, erasing one person's data,
anonymising old signatures, and the record of exports.

Every one of them is written to Wagtail's log (Reports › Site history), with
counts but never the personal data it touched.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from campaigns.services import form_submissions_erase
from petitions.models import PendingEmail, Petition, Signature, Supporter
from petitions.selectors import InvalidationCriteria, signatures_to_invalidate
from petitions.services.signatures import petition_reconcile
from supporters.identity import email_canonical

logger = logging.getLogger(__name__)

# Log entries about many rows at once are logged against their model rather
# than one object; "0" is an id no row has.
NO_OBJECT_ID = "0"


class InvalidationChanged(Exception):
    """The signatures matching the criteria changed since the preview."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


@dataclass(frozen=True)
class PersonErased:
    signatures: int
    supporters: int
    form_submissions: int = 0


def staff_action_log(
    *, action: str, user, model, label: str, data: dict, instance=None
) -> None:
    """Record a staff action in Wagtail's log: against `instance` when it
    concerns one object, else against `model` as a whole."""
    if instance is not None:
        log(instance=instance, action=action, user=user, data=data)
        return
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=NO_OBJECT_ID,
        label=label,
        action=action,
        user=user,
        data=data,
        timestamp=timezone.now(),
    )


def signatures_invalidate(
    *, criteria: InvalidationCriteria, max_id: int, expected: int, user
) -> int:
    """Invalidate the signatures the preview showed: those matching
    `criteria` that existed then (id up to `max_id`). They stop counting at
    once: every petition touched is reconciled, and emails to them still
    waiting to go are dropped. Raises InvalidationChanged, changing nothing,
    when the number is no longer `expected`."""
    matching = signatures_to_invalidate(criteria=criteria).filter(pk__lte=max_id)
    with transaction.atomic():
        by_petition = dict(
            matching.values_list("petition").annotate(n=Count("pk")).order_by()
        )
        PendingEmail.objects.filter(signature__in=matching).delete()
        changed = matching.update(state=Signature.State.INVALID)
        if changed != expected:
            raise InvalidationChanged(changed)
    for petition in Petition.objects.filter(pk__in=by_petition):
        petition_reconcile(petition=petition)
        staff_action_log(
            action="petitions.invalidate",
            user=user,
            model=Petition,
            label=str(petition),
            instance=petition,
            data={"signatures": by_petition[petition.pk], **criteria.as_log()},
        )
    return changed


def person_erase(*, email: str, user) -> PersonErased:
    """Delete everything stored about the person with this address: their
    signatures on every petition, their supporter list entry, the forms they
    sent, and the emails to them still waiting to go. Their signatures stop
    counting; every other signature and count stays."""
    canonical = email_canonical(email)
    signatures = Signature.objects.filter(email_canonical=canonical)
    with transaction.atomic():
        petition_ids = set(signatures.values_list("petition_id", flat=True))
        signature_count, _detail = signatures.delete()
        supporter_count, _detail = Supporter.objects.filter(
            email_canonical=canonical
        ).delete()
        form_count = form_submissions_erase(canonical_email=canonical)
    for petition in Petition.objects.filter(pk__in=petition_ids):
        petition_reconcile(petition=petition)
    staff_action_log(
        action="petitions.erase_person",
        user=user,
        model=Signature,
        label="One person",
        data={
            "signatures": signature_count,
            "supporters": supporter_count,
            "form_submissions": form_count,
        },
    )
    return PersonErased(
        signatures=signature_count,
        supporters=supporter_count,
        form_submissions=form_count,
    )


def signatures_anonymise_due(*, now: datetime | None = None) -> dict[int, int]:
    """Erase names, addresses, cities and IP hashes from the signatures of
    petitions that closed PETITIONS_ANONYMISE_AFTER_DAYS days ago or more.
    The rows stay, with their petition, language, country, state and dates,
    so counts and per-language totals do not change. Returns {petition id:
    signatures anonymised}."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PETITIONS_ANONYMISE_AFTER_DAYS)
    done = {}
    petitions = Petition.objects.filter(
        Q(closed=True, closed_at__lte=cutoff) | Q(deadline__lte=cutoff)
    )
    for petition in petitions:
        count = Signature.objects.filter(
            petition=petition, anonymised_at__isnull=True
        ).update(
            name="",
            name_key="",
            email="",
            email_canonical="",
            city="",
            ip_hash="",
            anonymised_at=now,
        )
        if count:
            done[petition.pk] = count
            staff_action_log(
                action="petitions.anonymise",
                user=None,
                model=Petition,
                label=str(petition),
                instance=petition,
                data={"signatures": count},
            )
    return done


def supporters_forget_unconfirmed(*, now: datetime | None = None) -> int:
    """Drop sign-ups whose confirmation link has expired unclicked. An address
    that had unsubscribed before goes back to being unsubscribed, so older
    consent stays void. Returns how many sign-ups were dropped."""
    now = now or timezone.now()
    expired = Supporter.objects.filter(
        state=Supporter.State.PENDING,
        consent_at__lt=now - timedelta(seconds=settings.PETITIONS_CONFIRM_LINK_MAX_AGE),
    )
    reverted = expired.filter(unsubscribed_at__isnull=False).update(
        state=Supporter.State.UNSUBSCRIBED, consent_text="", consent_at=None
    )
    deleted, _detail = expired.filter(unsubscribed_at__isnull=True).delete()
    return deleted + reverted


def export_record(
    *, user, model, file_format: str, rows: int, filters: dict[str, str]
) -> None:
    """Log who exported what, in which format, how many rows and with which
    filters (never the rows themselves)."""
    staff_action_log(
        action="petitions.export",
        user=user,
        model=model,
        label=str(model._meta.verbose_name_plural),
        data={"format": file_format, "rows": rows, "filters": filters},
    )
