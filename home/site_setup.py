"""The page tree every installation needs: one HomePage per language under the
root, the English one as the site's root page, the others its translations."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage, SiteSettings
from home.site_address import site_address_sync
from home.translation.services import locale_sync_ensure, translator_groups_ensure


@transaction.atomic
def site_tree_ensure() -> HomePage:
    """Create or repair the home pages and the Site; safe to run again."""
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    # The tree root and the root collection come from Wagtail's migrations;
    # recreate them if the tables were flushed (as transactional tests do).
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=english)
    )
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")

    home = HomePage.objects.filter(locale=english, depth=2).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page with the real home.
        site = Site.objects.filter(is_default_site=True).first()
        placeholder = site.root_page if site else None
        if placeholder is not None and placeholder.specific_class is Page:
            placeholder.slug = "welcome-placeholder"
            placeholder.save(update_fields=["slug"])
        home = root.add_child(
            instance=HomePage(title="Home", slug="home", locale=english)
        )
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "root_page": home,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        if placeholder is not None and placeholder.specific_class is Page:
            placeholder.delete()

    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        if locale == english or home.has_translation(locale):
            continue
        translation = home.copy_for_translation(locale)
        translation.save_revision().publish()

    site_address_sync()
    # Translation set-up, which needs each language's home page to exist.
    translator_groups_ensure()
    locale_sync_ensure()
    # Created here rather than by the first visitor's page view, whose save
    # would purge the page cache it is about to fill.
    SiteSettings.load()
    return home
