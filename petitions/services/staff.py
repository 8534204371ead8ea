"""Writes for campaign staff: bulk invalidation, erasing one person's
signatures (supporters.people), anonymising old signatures.

Every one of them is written to Wagtail's log (Reports › Site history), with
counts but never the personal data it touched.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from petitions.models import Petition, Signature
from petitions.selectors import InvalidationCriteria, signatures_to_invalidate
from petitions.services.signatures import (
    SIGNATURE_EMAIL_KINDS,
    petition_reconcile,
)
from supporters.audit import staff_action_log
from supporters.emails import pending_emails_forget
from supporters.models import Supporter

logger = logging.getLogger(__name__)


class InvalidationChanged(Exception):
    """The signatures matching the criteria changed since the preview."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


def signatures_invalidate(
    *,
    criteria: InvalidationCriteria,
    max_id: int,
    expected: int,
    reason: str,
    user,
) -> int:
    """Invalidate the signatures the preview showed: those matching
    `criteria` that existed then (id up to `max_id`). They stop counting at
    once: every petition touched is reconciled, and emails to them still
    waiting to go are dropped. The log records `reason` with the criteria.
    Raises InvalidationChanged, changing nothing, when the number is no
    longer `expected`."""
    matching = signatures_to_invalidate(criteria=criteria).filter(pk__lte=max_id)
    with transaction.atomic():
        by_petition = dict(
            matching.values_list("petition").annotate(n=Count("pk")).order_by()
        )
        pending_emails_forget(
            kinds=SIGNATURE_EMAIL_KINDS, object_ids=matching.values("pk")
        )
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
            data={
                "signatures": by_petition[petition.pk],
                "reason": reason,
                **criteria.as_log(),
            },
        )
    return changed


def signatures_count(canonical: str) -> int:
    return Signature.objects.filter(email_canonical=canonical).count()


def signatures_petitions(canonical: str) -> list[str]:
    return sorted(
        str(petition)
        for petition in Petition.objects.filter(
            pk__in=Signature.objects.filter(email_canonical=canonical).values(
                "petition_id"
            )
        )
    )


def signatures_erase(canonical: str, after: list) -> int:
    """Delete a person's signatures on every petition and the emails to them
    still waiting to go (supporters.people). Their signatures stop counting
    once the erasure is committed; every other signature and count stays."""
    signatures = Signature.objects.filter(email_canonical=canonical)
    petition_ids = set(signatures.values_list("petition_id", flat=True))
    pending_emails_forget(
        kinds=SIGNATURE_EMAIL_KINDS, object_ids=signatures.values("pk")
    )
    count, _detail = signatures.delete()

    def reconcile():
        for petition in Petition.objects.filter(pk__in=petition_ids):
            petition_reconcile(petition=petition)

    after.append(reconcile)
    return count


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
