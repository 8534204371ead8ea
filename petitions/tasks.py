"""Background work: emails to signers and reconciliation of counts."""

from django_tasks import task

from petitions import services


@task()
def signature_email_send_task(*, signature_id: int, kind: str, base_url: str) -> None:
    services.signature_email_send(
        signature_id=signature_id, kind=kind, base_url=base_url
    )


@task()
def petitions_reconcile_task() -> dict[str, int]:
    return {str(pk): count for pk, count in services.petitions_reconcile_all().items()}
