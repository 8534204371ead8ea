"""The record of what staff did with people's data, in Wagtail's log
(Reports › Site history): counts and filters, never the personal data."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

# Log entries about many rows at once are logged against their model rather
# than one object; "0" is an id no row has.
NO_OBJECT_ID = "0"


def staff_action_log(
    *, action: str, user, model, label: str, data: dict, instance=None
) -> None:
    """Record a staff action in Wagtail's log: against `instance` when it
    concerns one object, else against `model` as a whole."""
    if instance is not None:
        log(instance=instance, action=action, user=user, data=data)
        return
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=NO_OBJECT_ID,
        label=label,
        action=action,
        user=user,
        data=data,
        timestamp=timezone.now(),
    )


def export_record(
    *, user, model, file_format: str, rows: int, filters: dict[str, str]
) -> None:
    """Log who exported what, in which format, how many rows and with which
    filters (never the rows themselves)."""
    staff_action_log(
        action="petitions.export",
        user=user,
        model=model,
        label=str(model._meta.verbose_name_plural),
        data={"format": file_format, "rows": rows, "filters": filters},
    )
