"""Background work: emails, reconciliation of counts, anonymisation.

django-tasks runs these in the worker (`manage.py db_worker`). It schedules
nothing by itself: enqueue the periodic ones from cron or a systemd timer, or
run their management commands there (see the README)."""

from django_tasks import task

from petitions.services import signatures, staff
from supporters import emails


@task()
def pending_email_send_task(*, pending_email_id: int) -> bool:
    return emails.pending_email_send(pending_email_id=pending_email_id)


@task()
def petitions_reconcile_task() -> dict[str, int]:
    return {
        str(pk): count for pk, count in signatures.petitions_reconcile_all().items()
    }


@task()
def petitions_anonymise_task() -> dict:
    """Anonymise the signatures of petitions closed long enough ago, and drop
    sign-ups never confirmed. Run it daily."""
    anonymised = staff.signatures_anonymise_due()
    return {
        "anonymised": {str(pk): count for pk, count in anonymised.items()},
        "unconfirmed_supporters": staff.supporters_forget_unconfirmed(),
    }


@task()
def petitions_resend_pending_task() -> int:
    return emails.pending_emails_requeue()
