"""Writes: petitions, signatures, confirmation, counting.

The rules of signing live here; views only wire requests to these functions.
"""

import contextlib
import enum
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone, translation

from home.formatting import number_format
from home.selectors import organisation_speaking
from home.translation.source import source_of
from petitions.models import (
    Petition,
    PetitionPage,
    Signature,
    page_is_petition_source,
)
from petitions.selectors import (
    petition_count_cache_key,
    petition_page_for_language,
)
from petitions.services.signature_insert import signature_insert
from supporters.emails import (
    absolute_url,
    email_send,
    pending_email_queue,
    pending_email_queued,
    unsubscribe_url,
)
from supporters.identity import email_canonical, ip_hash, name_key, name_normalize
from supporters.models import Supporter
from supporters.ratelimit import rate_limited
from supporters.selectors import email_domain_is_blocked
from supporters.services import supporter_subscribe_confirmed
from supporters.tokens import TokenPurpose, token_make, token_read

logger = logging.getLogger(__name__)

# Reconciliation counts up to a minute ago, so that a confirmation committed
# just after the count but stamped just before it is not missed.
RECONCILE_MARGIN = timedelta(minutes=1)


class PetitionClosed(Exception):
    """The petition is closed or past its deadline."""


class SignatureEmail(enum.StrEnum):
    CONFIRM = "confirm"
    ALREADY_SIGNED = "already_signed"

    @property
    def outbox_kind(self) -> str:
        """Its kind in the outbox (supporters.emails), registered by
        petitions.apps."""
        return f"signature_{self}"


SIGNATURE_EMAIL_KINDS = [kind.outbox_kind for kind in SignatureEmail]


class ConfirmOutcome(enum.StrEnum):
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    INVALID = "invalid"
    CLOSED = "closed"


@dataclass(frozen=True)
class SignatureCreateResult:
    signature: Signature | None
    created: bool


@dataclass(frozen=True)
class SignatureConfirmResult:
    outcome: ConfirmOutcome
    signature: Signature | None = None


def petition_sync_from_page(*, page: PetitionPage) -> Petition:
    """Create the page's petition, or, when the page is the petition's source,
    copy its target, deadline and state onto the petition. Called when a
    petition page is published; translations never change the settings."""
    if page_is_petition_source(page):
        previous = Petition.objects.filter(translation_key=page.translation_key).first()
        if not page.closed:
            closed_at = None
        elif previous is not None and previous.closed and previous.closed_at:
            closed_at = previous.closed_at
        else:
            closed_at = timezone.now()
        petition, _created = Petition.objects.update_or_create(
            translation_key=page.translation_key,
            defaults={
                "title": page.title,
                "target": page.target,
                "deadline": page.deadline,
                "closed": page.closed,
                "closed_at": closed_at,
            },
        )
        return petition
    return petition_ensure_for_page(page=page)


def petition_ensure_for_page(*, page: PetitionPage) -> Petition:
    """The page's petition, created from the source page's settings if no
    page of it has been published through Wagtail yet."""
    petition = Petition.objects.filter(translation_key=page.translation_key).first()
    if petition is not None:
        return petition
    source = source_of(page)
    petition, _created = Petition.objects.get_or_create(
        translation_key=page.translation_key,
        defaults={
            "title": source.title,
            "target": source.target,
            "deadline": source.deadline,
            "closed": source.closed,
            "closed_at": timezone.now() if source.closed else None,
        },
    )
    return petition


def _suspect_reason(*, petition: Petition, email: str, ip: str) -> str:
    """Why a new signature should be kept but not counted, as far as can be
    told before it is stored, or "" (repeated names are told by
    signature_insert)."""
    if rate_limited(scope=f"petition:{petition.pk}", ip_hash=ip):
        return "rate_limit"
    if email_domain_is_blocked(email=email):
        return "blocked_domain"
    return ""


def _same_name_confirmed(signature: Signature):
    """Confirmed signatures of the same petition with the same name from the
    same address, signed within PETITIONS_REPEAT_NAME_SECONDS of this one."""
    window = timedelta(seconds=settings.PETITIONS_REPEAT_NAME_SECONDS)
    return Signature.objects.filter(
        petition_id=signature.petition_id,
        ip_hash=signature.ip_hash,
        name_key=signature.name_key,
        state=Signature.State.CONFIRMED,
        created_at__gte=signature.created_at - window,
        created_at__lte=signature.created_at + window,
    ).exclude(pk=signature.pk)


def signature_create(
    *,
    page: PetitionPage,
    petition: Petition | None = None,
    name: str,
    email: str,
    city: str,
    country: str,
    consent_to_updates: bool,
    consent_text: str,
    language: str,
    ip: str,
    honeypot: str,
    base_url: str,
) -> SignatureCreateResult:
    """Take a signature from the form on `page`.

    Whatever happens, the signer is shown the same "check your email" page, so
    the page never tells whether an address has signed:

    - a filled honeypot stores nothing;
    - a new address is stored pending and sent a confirmation link, unless a
      rate limit, a blocked domain or more than PETITIONS_REPEAT_NAME_LINKS
      signatures with the same name from the same IP address within the hour
      mark it suspect: stored, never counted, sent nothing (a signer who
      retries with a corrected address gets the link; signature_confirm
      counts one confirmed signature per name and address);
    - a known address is sent the link again (still pending) or told it has
      already signed (confirmed), within PETITIONS_MAX_EMAILS_PER_SIGNATURE.

    `petition` is the page's petition where the caller has it already.
    Raises PetitionClosed when the petition no longer takes signatures.
    """
    if petition is None:
        petition = petition_ensure_for_page(page=page)
    if not petition.is_open():
        raise PetitionClosed
    if honeypot:
        logger.info("Petition %s: honeypot filled, nothing stored", petition.pk)
        return SignatureCreateResult(signature=None, created=False)

    canonical = email_canonical(email)
    key = name_key(name)
    hashed_ip = ip_hash(ip)
    now = timezone.now()
    name, email, city = name_normalize(name), email.strip(), name_normalize(city)
    reason = _suspect_reason(petition=petition, email=canonical, ip=hashed_ip)
    # The signature and its confirmation email are stored together or not at
    # all, so a stored signature always gets its email. The address check,
    # the repeat-name check, the insert and the email's row are one statement
    # (signature_insert).
    inserted = signature_insert(
        petition_id=petition.pk,
        name=name,
        name_key=key,
        email=email,
        canonical=canonical,
        city=city,
        country=country,
        language=language,
        consent=consent_to_updates,
        consent_text=consent_text,
        ip=hashed_ip,
        reason=reason,
        repeat_since=now - timedelta(seconds=settings.PETITIONS_REPEAT_NAME_SECONDS),
        repeat_limit=settings.PETITIONS_REPEAT_NAME_LINKS,
        now=now,
        email_kind=SignatureEmail.CONFIRM.outbox_kind,
        base_url=base_url,
    )
    if inserted is not None:
        if inserted.email_id is not None:
            pending_email_queued(pending_email_id=inserted.email_id)
        signature = Signature(
            pk=inserted.id,
            petition=petition,
            name=name,
            name_key=key,
            email=email,
            email_canonical=canonical,
            city=city,
            country=country,
            language=language,
            state=inserted.state,
            suspect_reason=inserted.suspect_reason,
            consent_to_updates=consent_to_updates,
            consent_text=consent_text if consent_to_updates else "",
            consent_at=now if consent_to_updates else None,
            ip_hash=hashed_ip,
            emails_sent=1 if inserted.state == Signature.State.PENDING else 0,
            created_at=now,
        )
        signature._state.adding = False
        return SignatureCreateResult(signature=signature, created=True)

    existing = Signature.objects.get(petition=petition, email_canonical=canonical)
    if existing.state == Signature.State.PENDING:
        signature_email_queue(
            signature=existing, kind=SignatureEmail.CONFIRM, base_url=base_url
        )
    elif existing.state == Signature.State.CONFIRMED:
        signature_email_queue(
            signature=existing, kind=SignatureEmail.ALREADY_SIGNED, base_url=base_url
        )
    return SignatureCreateResult(signature=existing, created=False)


def signature_email_queue(
    *, signature: Signature, kind: SignatureEmail, base_url: str
) -> bool:
    """Queue an email to the signer unless they have had their share.

    The allowance is taken with one conditional UPDATE, so concurrent requests
    cannot send more than PETITIONS_MAX_EMAILS_PER_SIGNATURE between them. The
    email is stored as a PendingEmail in the same transaction and deleted
    only once sent.
    """
    with transaction.atomic():
        allowed = Signature.objects.filter(
            pk=signature.pk,
            emails_sent__lt=settings.PETITIONS_MAX_EMAILS_PER_SIGNATURE,
        ).update(emails_sent=F("emails_sent") + 1)
        if not allowed:
            return False
        pending_email_queue(
            kind=kind.outbox_kind, object_id=signature.pk, base_url=base_url
        )
    return True


def signature_confirm_token(*, signature: Signature) -> str:
    return token_make(purpose=TokenPurpose.SIGNATURE_CONFIRM, value=str(signature.pk))


def signature_email_send(*, signature: Signature, kind: str, base_url: str) -> None:
    """Render and send one email to a signer, in the language they signed in.
    Raises whatever the email backend raises when the message is not taken."""
    if not signature.email or signature.state == Signature.State.INVALID:
        # Anonymised or invalidated by staff since the email was queued.
        return
    kind = SignatureEmail(kind)
    language = signature.language
    page = petition_page_for_language(petition=signature.petition, language=language)
    link_days = max(1, settings.PETITIONS_CONFIRM_LINK_MAX_AGE // 86400)
    with translation.override(language):
        page_url = absolute_url(base_url=base_url, path=page.get_url()) if page else ""
        confirm_path = reverse(
            "petitions:confirm",
            kwargs={"token": signature_confirm_token(signature=signature)},
        )
    email_send(
        to=signature.email,
        language=language,
        template=f"petitions/emails/{kind}",
        context={
            "signature": signature,
            "page": page,
            "title": page.title if page is not None else "",
            "page_url": page_url,
            "confirm_url": absolute_url(base_url=base_url, path=confirm_path),
            "link_days": link_days,
            "link_days_display": number_format(link_days, language=language),
        },
        unsubscribe=unsubscribe_url(
            base_url=base_url, language=language, value=f"signature:{signature.pk}"
        ),
        organisation=organisation_speaking(page=page, language=language),
    )


def signature_email_deliver(*, kind: SignatureEmail, object_id: int, base_url: str):
    """The outbox's sender of a signer's email (registered by petitions.apps).
    A signature erased since the email was queued gets nothing."""
    signature = Signature.objects.select_related("petition").filter(pk=object_id)
    signature = signature.first()
    if signature is not None:
        signature_email_send(signature=signature, kind=kind, base_url=base_url)


def signature_confirm(*, token: str) -> SignatureConfirmResult:
    """Confirm the signature a link was made for.

    Only the first click changes anything: the row goes from pending to
    confirmed in one conditional UPDATE and the cached counter goes up by one;
    when a signature with the same name from the same address is already
    confirmed, it goes to suspect instead (counted once, reviewed by staff).
    Later clicks, and links for signatures held back as suspect, show the same
    confirmation and count nothing. Expired or altered links, and petitions
    that have closed, confirm nothing. Runs in autocommit, so the counter moves
    only once the row is stored. A signer who ticked the box to hear of more
    actions joins the supporter list now: the click proves the address.
    """
    try:
        pk = token_read(
            purpose=TokenPurpose.SIGNATURE_CONFIRM,
            token=token,
            max_age=settings.PETITIONS_CONFIRM_LINK_MAX_AGE,
        )
    except signing.SignatureExpired:
        return SignatureConfirmResult(outcome=ConfirmOutcome.EXPIRED)
    except signing.BadSignature:
        return SignatureConfirmResult(outcome=ConfirmOutcome.INVALID)
    if not pk.isdigit():
        # Signed with our key and salt but not by signature_confirm_token.
        return SignatureConfirmResult(outcome=ConfirmOutcome.INVALID)
    signature = Signature.objects.select_related("petition").filter(pk=pk).first()
    if signature is None:
        return SignatureConfirmResult(outcome=ConfirmOutcome.INVALID)
    if signature.state != Signature.State.PENDING:
        return SignatureConfirmResult(
            outcome=ConfirmOutcome.CONFIRMED, signature=signature
        )
    if not signature.petition.is_open():
        return SignatureConfirmResult(
            outcome=ConfirmOutcome.CLOSED, signature=signature
        )
    if signature.ip_hash and _same_name_confirmed(signature).exists():
        # One name from one address counts once; staff review the rest.
        Signature.objects.filter(pk=signature.pk, state=Signature.State.PENDING).update(
            state=Signature.State.SUSPECT, suspect_reason="repeat_name"
        )
        return SignatureConfirmResult(
            outcome=ConfirmOutcome.CONFIRMED, signature=signature
        )
    counted = Signature.objects.filter(
        pk=signature.pk, state=Signature.State.PENDING
    ).update(state=Signature.State.CONFIRMED, confirmed_at=timezone.now())
    if counted:
        petition_count_increment(petition_id=signature.petition_id)
        if signature.consent_to_updates and signature.email_canonical:
            supporter_subscribe_confirmed(
                email=signature.email,
                canonical=signature.email_canonical,
                name=signature.name,
                language=signature.language,
                source=Supporter.Source.PETITION,
                source_detail=signature.petition.title,
                consent_text=signature.consent_text,
                consent_at=signature.consent_at,
            )
    return SignatureConfirmResult(outcome=ConfirmOutcome.CONFIRMED, signature=signature)


def petition_count_increment(*, petition_id: int) -> None:
    """One more confirmed signature: an atomic increment of the cached counter
    (Redis INCR in production), never an UPDATE of the petition's row. A
    missing counter is left missing: the next read rebuilds it."""
    with contextlib.suppress(ValueError):
        cache.incr(petition_count_cache_key(petition_id))


def petition_reconcile(*, petition: Petition) -> int:
    """Make the count exact: count the confirmed signatures up to a minute ago
    into `confirmed_count` (and per language into `confirmed_by_language`),
    and drop the cached counter so the next read rebuilds it from there.
    Returns the reconciled count."""
    until = timezone.now() - RECONCILE_MARGIN
    by_language = dict(
        Signature.objects.filter(
            petition=petition,
            state=Signature.State.CONFIRMED,
            confirmed_at__lte=until,
        )
        .values_list("language")
        .annotate(n=Count("pk"))
        .order_by()
    )
    count = sum(by_language.values())
    Petition.objects.filter(pk=petition.pk).update(
        confirmed_count=count, counted_until=until, confirmed_by_language=by_language
    )
    petition.confirmed_count, petition.counted_until = count, until
    petition.confirmed_by_language = by_language
    cache.delete(petition_count_cache_key(petition.pk))
    return count


def petitions_reconcile_all() -> dict[int, int]:
    """Reconcile every petition; returns {petition id: reconciled count}."""
    return {
        petition.pk: petition_reconcile(petition=petition)
        for petition in Petition.objects.order_by("pk")
    }
