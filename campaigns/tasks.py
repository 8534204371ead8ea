"""Background work of the campaign app, run by the django-tasks worker."""

from django_tasks import task

from campaigns import services


@task()
def form_submission_notify_task(*, submission_id: int) -> bool:
    return services.form_submission_notify(submission_id=submission_id)
