"""Writes: the supporter list, people told about more actions.

Double opt-in throughout. A petition signer who ticked the box joins when
they confirm their signature: that click already proves the address, so no
second email is sent. Anyone else (the sign-up page, a form) gets an email
with a confirmation link and is on the list only once it is clicked.

Unsubscribing keeps a bare entry for the address, so that consent given
before it is never taken up again; consent given after it is.
"""

import enum
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from home.formatting import number_format
from home.selectors import organisation_speaking
from supporters.emails import (
    absolute_url,
    email_send,
    pending_email_queue,
    unsubscribe_sources,
    unsubscribe_url,
)
from supporters.identity import email_canonical, ip_hash, name_normalize
from supporters.models import Supporter
from supporters.ratelimit import rate_limited
from supporters.selectors import email_domain_is_blocked
from supporters.tokens import TokenPurpose, token_make, token_read

logger = logging.getLogger(__name__)

# The template of the sign-up confirmation email, and its PendingEmail kind.
SUPPORTER_CONFIRM_EMAIL = "supporter_confirm"


class SupporterConfirmOutcome(enum.StrEnum):
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    INVALID = "invalid"
    # The address was unsubscribed after the sign-up the link was sent for.
    WITHDRAWN = "withdrawn"


class UnsubscribeOutcome(enum.StrEnum):
    UNSUBSCRIBED = "unsubscribed"
    ALREADY = "already"
    INVALID = "invalid"


@dataclass(frozen=True)
class SupporterConfirmResult:
    outcome: SupporterConfirmOutcome
    supporter: Supporter | None = None


def _consent_withdrawn(*, supporter: Supporter, consent_at) -> bool:
    return (
        supporter.state == Supporter.State.UNSUBSCRIBED
        and supporter.unsubscribed_at is not None
        and (consent_at is None or consent_at <= supporter.unsubscribed_at)
    )


def supporter_subscribe_confirmed(
    *,
    email: str,
    canonical: str,
    name: str,
    language: str,
    source: Supporter.Source,
    source_detail: str,
    consent_text: str,
    consent_at,
) -> Supporter:
    """Put someone whose address is already proved (a confirmed petition
    signer who ticked "email me about more actions") on the list, with the
    wording and time of that consent. Nothing changes if they unsubscribed
    after giving it."""
    now = timezone.now()
    fields = {
        "email": email,
        "name": name,
        "language": language,
        "state": Supporter.State.SUBSCRIBED,
        "source": source,
        "source_detail": source_detail,
        "consent_text": consent_text,
        "consent_at": consent_at,
        "confirmed_at": now,
        "unsubscribed_at": None,
    }
    supporter = Supporter.objects.filter(email_canonical=canonical).first()
    if supporter is None:
        try:
            with transaction.atomic():
                return Supporter.objects.create(email_canonical=canonical, **fields)
        except IntegrityError:
            supporter = Supporter.objects.get(email_canonical=canonical)
    if supporter.state == Supporter.State.SUBSCRIBED or _consent_withdrawn(
        supporter=supporter, consent_at=consent_at
    ):
        return supporter
    Supporter.objects.filter(pk=supporter.pk).update(**fields)
    supporter.refresh_from_db()
    return supporter


def supporter_signup(
    *,
    email: str,
    name: str,
    language: str,
    consent_text: str,
    source: Supporter.Source,
    source_detail: str,
    ip: str,
    honeypot: str,
    base_url: str,
) -> Supporter | None:
    """Ask to join the list (the sign-up page, or a form's box).

    The visitor always sees the same "check your email" page, whatever
    happens here, so it never tells whether an address is on the list:

    - a filled honeypot, a rate limit or a blocked email domain store nothing
      and send nothing (an unconfirmed entry would be of no use to staff);
    - a new address, or one that is pending or unsubscribed, is stored pending
      with this consent and sent a confirmation link, within
      PETITIONS_MAX_EMAILS_PER_SIGNATURE emails per address, ever;
    - an address already subscribed is left as it is.
    """
    canonical = email_canonical(email)
    if honeypot:
        logger.info("Supporter sign-up: honeypot filled, nothing stored")
        return None
    if rate_limited(scope="supporters", ip_hash=ip_hash(ip)):
        logger.info("Supporter sign-up: rate limited, nothing stored")
        return None
    if email_domain_is_blocked(email=canonical):
        logger.info("Supporter sign-up: blocked domain, nothing stored")
        return None
    now = timezone.now()
    fields = {
        "email": email.strip(),
        "name": name_normalize(name),
        "language": language,
        "state": Supporter.State.PENDING,
        "source": source,
        "source_detail": source_detail,
        "consent_text": consent_text,
        "consent_at": now,
        "confirmed_at": None,
    }
    supporter = Supporter.objects.filter(email_canonical=canonical).first()
    if supporter is None:
        try:
            with transaction.atomic():
                supporter = Supporter.objects.create(
                    email_canonical=canonical, **fields
                )
        except IntegrityError:
            supporter = Supporter.objects.get(email_canonical=canonical)
            if supporter.state == Supporter.State.SUBSCRIBED:
                return supporter
    elif supporter.state == Supporter.State.SUBSCRIBED:
        return supporter
    else:
        Supporter.objects.filter(pk=supporter.pk).update(**fields)
        supporter.refresh_from_db()
    supporter_email_queue(supporter=supporter, base_url=base_url)
    return supporter


def supporter_email_queue(*, supporter: Supporter, base_url: str) -> bool:
    """Queue the confirmation email unless the address has had its share
    (one conditional UPDATE, so concurrent requests cannot exceed it). Like
    a signer's, the email is kept as a PendingEmail until it has gone."""
    with transaction.atomic():
        allowed = Supporter.objects.filter(
            pk=supporter.pk,
            emails_sent__lt=settings.PETITIONS_MAX_EMAILS_PER_SIGNATURE,
        ).update(emails_sent=F("emails_sent") + 1)
        if not allowed:
            return False
        pending_email_queue(
            kind=SUPPORTER_CONFIRM_EMAIL, object_id=supporter.pk, base_url=base_url
        )
    return True


def supporter_confirm_token(*, supporter: Supporter) -> str:
    return token_make(purpose=TokenPurpose.SUPPORTER_CONFIRM, value=str(supporter.pk))


def supporter_email_send(*, supporter: Supporter, base_url: str) -> None:
    """Send the sign-up confirmation link, in the supporter's language.
    Raises whatever the email backend raises when the message is not taken."""
    if supporter.state != Supporter.State.PENDING:
        # Confirmed or unsubscribed since the email was queued.
        return
    language = supporter.language
    link_days = max(1, settings.PETITIONS_CONFIRM_LINK_MAX_AGE // 86400)
    with translation.override(language):
        confirm_path = reverse(
            "supporters:confirm",
            kwargs={"token": supporter_confirm_token(supporter=supporter)},
        )
    email_send(
        to=supporter.email,
        language=language,
        template=f"supporters/emails/{SUPPORTER_CONFIRM_EMAIL}",
        context={
            "supporter": supporter,
            "confirm_url": absolute_url(base_url=base_url, path=confirm_path),
            "link_days": link_days,
            "link_days_display": number_format(link_days, language=language),
        },
        unsubscribe=unsubscribe_url(
            base_url=base_url, language=language, value=f"supporter:{supporter.pk}"
        ),
        organisation=organisation_speaking(language=language),
    )


def supporter_email_deliver(*, object_id: int, base_url: str) -> None:
    """The outbox's sender of SUPPORTER_CONFIRM_EMAIL (supporters.apps)."""
    supporter = Supporter.objects.filter(pk=object_id).first()
    if supporter is not None:
        supporter_email_send(supporter=supporter, base_url=base_url)


def supporter_confirm(*, token: str) -> SupporterConfirmResult:
    """Confirm the sign-up a link was sent for. Only the first click changes
    anything; expired or altered links, and links for an address that has
    unsubscribed since, confirm nothing."""
    try:
        pk = token_read(
            purpose=TokenPurpose.SUPPORTER_CONFIRM,
            token=token,
            max_age=settings.PETITIONS_CONFIRM_LINK_MAX_AGE,
        )
    except signing.SignatureExpired:
        return SupporterConfirmResult(outcome=SupporterConfirmOutcome.EXPIRED)
    except signing.BadSignature:
        return SupporterConfirmResult(outcome=SupporterConfirmOutcome.INVALID)
    # Signed by this site but not an id: a token of another kind of link.
    supporter = Supporter.objects.filter(pk=pk).first() if pk.isdigit() else None
    if supporter is None:
        return SupporterConfirmResult(outcome=SupporterConfirmOutcome.INVALID)
    if supporter.state == Supporter.State.UNSUBSCRIBED:
        return SupporterConfirmResult(
            outcome=SupporterConfirmOutcome.WITHDRAWN, supporter=supporter
        )
    Supporter.objects.filter(pk=supporter.pk, state=Supporter.State.PENDING).update(
        state=Supporter.State.SUBSCRIBED, confirmed_at=timezone.now()
    )
    supporter.refresh_from_db()
    return SupporterConfirmResult(
        outcome=SupporterConfirmOutcome.CONFIRMED, supporter=supporter
    )


def _address_for_unsubscribe(kind: str, pk: str) -> tuple[str, str, str] | None:
    """(email, canonical email, language) behind an unsubscribe token's value,
    or None when nothing of that person is left."""
    row = (
        unsubscribe_sources()[kind]
        .objects.filter(pk=pk)
        .values_list("email", "email_canonical", "language")
        .first()
    )
    if row is None or not row[1]:
        return None
    return row


def supporter_unsubscribe(*, token: str) -> UnsubscribeOutcome:
    """One click, no login: the address behind the token gets no more emails
    about more actions. It works every time; later clicks change nothing.
    An address that was never on the list gets an unsubscribed entry, so a
    box it ticked before (on a signature not yet confirmed) is not taken up."""
    try:
        value = token_read(purpose=TokenPurpose.UNSUBSCRIBE, token=token)
    except signing.BadSignature:
        return UnsubscribeOutcome.INVALID
    kind, _colon, pk = value.partition(":")
    if kind not in unsubscribe_sources() or not pk.isdigit():
        # Signed with our key and salt but not by unsubscribe_url.
        return UnsubscribeOutcome.INVALID
    address = _address_for_unsubscribe(kind, pk)
    if address is None:
        # Deleted or anonymised: there is nothing left to email.
        return UnsubscribeOutcome.ALREADY
    email, canonical, language = address
    now = timezone.now()
    changed = (
        Supporter.objects.filter(email_canonical=canonical)
        .exclude(state=Supporter.State.UNSUBSCRIBED)
        .update(state=Supporter.State.UNSUBSCRIBED, unsubscribed_at=now)
    )
    if changed:
        return UnsubscribeOutcome.UNSUBSCRIBED
    try:
        with transaction.atomic():
            _supporter, created = Supporter.objects.get_or_create(
                email_canonical=canonical,
                defaults={
                    "email": email,
                    "language": language,
                    "state": Supporter.State.UNSUBSCRIBED,
                    "source": Supporter.Source.PETITION,
                    "unsubscribed_at": now,
                },
            )
    except IntegrityError:
        created = False
    return UnsubscribeOutcome.UNSUBSCRIBED if created else UnsubscribeOutcome.ALREADY
