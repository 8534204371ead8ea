"""Background work: emails to signers, counts, and emails whose task was lost."""

from django_tasks import task

from petitions import services


@task()
def signature_email_send_task(*, pending_email_id: int) -> bool:
    return services.pending_email_send(pending_email_id=pending_email_id)


@task()
def petitions_reconcile_task() -> dict[str, int]:
    return {str(pk): count for pk, count in services.petitions_reconcile_all().items()}


@task()
def petitions_resend_pending_task() -> int:
    return services.pending_emails_requeue()
