"""Background work of the campaign app, run by the django-tasks worker."""

import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from campaigns import services
from supporters.emails import pending_email_retry_delay

logger = logging.getLogger(__name__)


@task()
def form_submission_notify_task(*, submission_id: int, attempt: int = 1) -> bool:
    """Email staff one submission. When the mail server does not take it, try
    again later with the signers' emails' back-off, up to
    PETITIONS_EMAIL_MAX_ATTEMPTS attempts (the submission itself is stored
    and shown in the admin whatever happens here)."""
    try:
        return services.form_submission_notify(submission_id=submission_id)
    except Exception as error:
        # The class name only: SMTP errors quote the addresses.
        reason = type(error).__name__
    retry = form_submission_notify_task
    if attempt >= settings.PETITIONS_EMAIL_MAX_ATTEMPTS:
        logger.error(
            "Staff email for form submission %s failed %s times (%s); giving up",
            submission_id,
            attempt,
            reason,
        )
        return False
    if not retry.get_backend().supports_defer:
        # Tasks run at once (development, tests): nothing can wait for later.
        logger.error(
            "Staff email for form submission %s failed (%s)", submission_id, reason
        )
        return False
    due = timezone.now() + pending_email_retry_delay(attempts=attempt)
    retry.using(run_after=due).enqueue(submission_id=submission_id, attempt=attempt + 1)
    logger.warning(
        "Staff email for form submission %s failed (%s); trying again at %s",
        submission_id,
        reason,
        due.isoformat(),
    )
    return False
