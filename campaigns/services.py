"""Writes of the campaign app: storing a form page's submission, telling
staff about it (through the outbox of supporters.emails, like every other
email), and deleting a person's submissions."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from campaigns.form_builder import (
    HONEYPOT_NAME,
    KEEP_INFORMED_NAME,
    NAME_FIELDS,
    SiteForm,
)
from campaigns.models import FormPage, FormPageSubmission
from supporters.emails import pending_email_queue, pending_emails_forget
from supporters.forms import validate_signer_name
from supporters.identity import email_canonical, ip_hash, name_normalize
from supporters.models import Supporter
from supporters.ratelimit import rate_limited
from supporters.selectors import email_domain_is_blocked
from supporters.services import supporter_signup

logger = logging.getLogger(__name__)

# The outbox's kind of the email telling staff about a submission.
FORM_SUBMISSION_STAFF_EMAIL = "form_submission_staff"


def _sender_name(answers: dict) -> str:
    for field in NAME_FIELDS:
        value = name_normalize(str(answers.get(field) or ""))
        if value:
            try:
                validate_signer_name(value)
            except ValidationError:
                # A link or a formula is no name to keep on the list.
                return ""
            return value
    return ""


def form_submission_create(
    *, page: FormPage, form: SiteForm, ip: str, base_url: str
) -> FormPageSubmission | None:
    """Keep a valid submission of a form page, in the page's language, against
    the English page; tell staff; put the sender on the supporter list (after
    they confirm by email) if they ticked the box.

    The sender sees the same thank-you page whatever happens here:

    - a filled honeypot or an email address at a blocked domain store nothing;
    - an address sending many forms in a short time (petitions' limits) is
      stored marked suspect, without an email to staff or a list sign-up.
    """
    data = form.cleaned_data
    if data.get(HONEYPOT_NAME):
        logger.info("Form submission: honeypot filled, nothing stored")
        return None
    email = form.email_answer()
    canonical = email_canonical(email) if email else ""
    if canonical and email_domain_is_blocked(email=canonical):
        logger.info("Form submission: blocked domain, nothing stored")
        return None
    source = page.source_page()
    suspect = rate_limited(scope=f"form:{source.pk}", ip_hash=ip_hash(ip))
    answers = form.answers()
    language = page.locale.language_code
    with transaction.atomic():
        submission = FormPageSubmission.objects.create(
            page=source,
            form_data=answers,
            language=language,
            email_canonical=canonical,
            suspect=suspect,
        )
        if not suspect:
            # Stored in the same transaction, so the email to staff exists
            # exactly when the submission does, and is kept until it has gone.
            pending_email_queue(
                kind=FORM_SUBMISSION_STAFF_EMAIL, object_id=submission.pk
            )
    if data.get(KEEP_INFORMED_NAME) and email and not suspect:
        supporter_signup(
            email=email,
            name=_sender_name(answers),
            language=language,
            consent_text=form.consent_text,
            source=Supporter.Source.FORM,
            source_detail=source.title,
            ip=ip,
            honeypot="",
            base_url=base_url,
        )
    return submission


def _notification_recipients(page: FormPage) -> list[str]:
    addresses = [part.strip() for part in page.to_address.split(",") if part.strip()]
    return addresses or list(settings.STAFF_NOTIFICATION_EMAILS)


def _display(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return "" if value is None else str(value)


def form_submission_notify_deliver(*, object_id: int, base_url: str) -> None:
    """The outbox's sender of FORM_SUBMISSION_STAFF_EMAIL (campaigns.apps)."""
    form_submission_notify(submission_id=object_id)


def form_submission_notify(*, submission_id: int) -> bool:
    """Email staff one submission, in the site's main language, with the
    sender's address to reply to. False when there is nobody to tell or the
    submission is gone (deleted meanwhile). Raises whatever the email backend
    raises when the message is not taken."""
    submission = (
        FormPageSubmission.objects.filter(pk=submission_id, suspect=False)
        .select_related("page")
        .first()
    )
    if submission is None:
        return False
    page = submission.page.specific
    recipients = _notification_recipients(page)
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        answers = [
            (field.label, _display(submission.form_data.get(field.clean_name)))
            for field in page.get_form_fields()
        ]
        language = dict(settings.LANGUAGES).get(submission.language, "")
        context = {
            "page": page,
            "submission": submission,
            "answers": answers,
            "language_name": gettext(language) if language else submission.language,
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + f"/admin/forms/submissions/{page.pk}/",
        }
        subject = page.subject or gettext("New submission: %(title)s") % {
            "title": page.title
        }
        body = render_to_string("campaigns/emails/form_submission.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=_reply_to(page=page, submission=submission),
    )
    message.send()
    return True


def _reply_to(*, page: FormPage, submission: FormPageSubmission) -> list[str]:
    """The address the sender gave in the form's first email field."""
    for field in page.get_form_fields():
        if field.field_type == "email" and submission.form_data.get(field.clean_name):
            return [submission.form_data[field.clean_name]]
    return []


def form_submissions_count(canonical: str) -> int:
    return FormPageSubmission.objects.filter(email_canonical=canonical).count()


def form_submissions_erase(canonical: str, after: list) -> int:
    """Delete every form submission sent with this (canonical) address, and
    the emails to staff about them still waiting to go (supporters.people)."""
    submissions = FormPageSubmission.objects.filter(email_canonical=canonical)
    pending_emails_forget(
        kinds=[FORM_SUBMISSION_STAFF_EMAIL], object_ids=submissions.values("pk")
    )
    count, _detail = submissions.delete()
    return count
