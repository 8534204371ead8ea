"""wagtail-localize copies a new English page into each language that syncs
from English (as an alias, shown with a "not translated" notice) once: when
the page is created, or when the sync setting itself is saved. A copy missing
after that (a creation that failed half-way before it was atomic, a copy
deleted by hand) stays missing, and `/ur/…` answers 404 until a translator
acts. Publishing the English page in the admin makes any missing copy here.

Can go when wagtail-localize synchronises a page's copies on publish.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization


def page_language_copies_ensure(*, page: Page) -> list[Page]:
    """Copy the page (and any missing parent) into each language that syncs
    from its language and has no version of it yet; the copies made."""
    if page.alias_of_id is not None:
        return []
    present = Page.objects.filter(translation_key=page.translation_key).values(
        "locale_id"
    )
    missing = Locale.objects.filter(
        pk__in=LocaleSynchronization.objects.filter(sync_from_id=page.locale_id).values(
            "locale_id"
        )
    ).exclude(pk__in=present)
    specific = page.specific
    return [
        specific.copy_for_translation(locale, copy_parents=True, alias=True)
        for locale in missing
    ]


def page_published_in_admin(request, page):
    """After an editor publishes a page (Wagtail's after_publish_page hook).
    Only the admin's publish: code that publishes a page and then translates
    it keeps wagtail-localize's behaviour."""
    # After commit: a page published as it is created gets its copies from
    # wagtail-localize's after_create_page hook, later in the same
    # transaction (wagtail_page_create.py); making them here first would make
    # them twice.
    transaction.on_commit(lambda: page_language_copies_ensure(page=page))
