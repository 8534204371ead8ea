"""Background work: reconciliation of counts, anonymisation.

django-tasks runs these in the worker (`manage.py db_worker`). It schedules
nothing by itself: enqueue the periodic ones from cron or a systemd timer, or
run their management commands there (see the README)."""

from django_tasks import task

from petitions.services import signatures, staff


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
