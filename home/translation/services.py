"""Who may translate, and how pages that exist only in English reach the other
languages. Called by migration 0003 and by site_tree_ensure(), so both a fresh
database and a repaired site end up with the same groups and rights."""

from django.apps import apps as global_apps
from django.conf import settings
from wagtail.models import DraftStateMixin, PagePermissionTester, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

# Group name -> the languages its members translate. Wagtail limits page rights
# to a subtree, so each language has its own group; it has no per-language
# snippet rights, so translator_languages() and a hook do that part.
TRANSLATOR_GROUPS = {
    "Translators": ("ur", "haz"),
    "Urdu translators": ("ur",),
    "Hazaragi translators": ("haz",),
}
TRANSLATOR_PAGE_ACTIONS = ("change", "publish")


def translator_languages(*, user) -> set[str] | None:
    """The languages a translator may edit snippets in, or None for no limit.

    Wagtail's snippet rights cannot name a language, so a user whose only
    groups are translator groups is held to those groups' languages (and kept
    off English snippets) by a hook on the snippet editor. Anyone with other
    groups or rights of their own (editors, administrators) is not limited.
    """
    if user.is_superuser or user.user_permissions.exists():
        return None
    names = set(user.groups.values_list("name", flat=True))
    if not names or not names <= TRANSLATOR_GROUPS.keys():
        return None
    return {code for name in names for code in TRANSLATOR_GROUPS[name]}


def _is_translator(user) -> bool:
    # Asked for every page of an admin listing: once per request's user.
    if not hasattr(user, "_is_translator"):
        user._is_translator = (
            user.is_authenticated and translator_languages(user=user) is not None
        )
    return user._is_translator


class TranslatorPagePermissionTester(PagePermissionTester):
    """Wagtail's page rights, less what takes a page down or rearranges the
    tree for translators: "publish" on a language's tree would let them
    unpublish any page, delete its leaves, reorder it and put pages behind a
    password, and "change" opens the move and copy forms. Translators edit and
    publish translations only; everyone else keeps Wagtail's rules. Pages
    return it from SitePage.permissions_for_user, which Wagtail's page views,
    buttons and bulk actions all ask."""

    def _allowed(self, allowed: bool) -> bool:
        return allowed and not _is_translator(self.user)

    def can_delete(self, ignore_bulk=False):
        return self._allowed(super().can_delete(ignore_bulk=ignore_bulk))

    def can_unpublish(self):
        return self._allowed(super().can_unpublish())

    def can_copy(self):
        return self._allowed(super().can_copy())

    def can_reorder_children(self):
        return self._allowed(super().can_reorder_children())

    def can_set_view_restrictions(self):
        return self._allowed(super().can_set_view_restrictions())


def _permission(apps, *, app_label: str, model: str, codename: str, name: str):
    # Permissions are normally created after all migrations have run; creating
    # them here (as Wagtail's own migrations do) lets a fresh database be set up
    # in one pass. Django's post_migrate step then finds them already there.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _translatable_snippet_permissions(apps) -> list:
    permissions = []
    for model in get_snippet_models():
        if not issubclass(model, TranslatableMixin):
            continue
        opts = model._meta
        actions = ["change"]
        if issubclass(model, DraftStateMixin):
            actions.append("publish")
        permissions += [
            _permission(
                apps,
                app_label=opts.app_label,
                model=opts.model_name,
                codename=f"{action}_{opts.model_name}",
                name=f"Can {action} {opts.verbose_name_raw}",
            )
            for action in actions
        ]
    return permissions


def translator_groups_ensure(*, apps=global_apps) -> None:
    """Create or repair the translator groups so they hold exactly the rights to
    translate and publish translations: the admin, wagtail-localize's
    "submit translation", edit and publish on their languages' page trees,
    change (and publish) on translatable snippets, and the image and document
    choosers. Nothing else: no English
    pages, no settings, users, locales or deletion.

    Page rights hang on each language's home page, so they are granted only
    once those pages exist; running this again after the page tree is built
    completes the set-up. Rights added to these groups by hand are removed.
    """
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    model_permissions = [
        _permission(
            apps,
            app_label="wagtailadmin",
            model="admin",
            codename="access_admin",
            name="Can access Wagtail admin",
        ),
        _permission(
            apps,
            app_label="wagtail_localize",
            model="translation",
            codename="submit_translation",
            name="Can submit translations",
        ),
        # A translation may swap a picture or document (one with English
        # text in it, say) for its own, which needs the choosers.
        _permission(
            apps,
            app_label="wagtailimages",
            model="image",
            codename="choose_image",
            name="Can choose image",
        ),
        _permission(
            apps,
            app_label="wagtaildocs",
            model="document",
            codename="choose_document",
            name="Can choose document",
        ),
        *_translatable_snippet_permissions(apps),
    ]
    page_permissions = [
        _permission(
            apps,
            app_label="wagtailcore",
            model="page",
            codename=f"{action}_page",
            name=f"Can {action} page",
        )
        for action in TRANSLATOR_PAGE_ACTIONS
    ]

    for name, language_codes in TRANSLATOR_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(model_permissions)
        kept = []
        # Each language's tree hangs from its home page, directly under the root.
        for page in Page.objects.filter(
            depth=2, locale__language_code__in=language_codes
        ):
            for permission in page_permissions:
                grant, _created = GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
                kept.append(grant.pk)
        GroupPagePermission.objects.filter(group=group).exclude(pk__in=kept).delete()


def locale_sync_ensure(*, apps=global_apps, synchronize: bool = True) -> None:
    """Make every other language "sync from" English, so a page that exists
    only in English also appears in the Urdu and Hazaragi trees as an alias of
    the English page (shown with a notice) until it is translated.

    With synchronize, aliases are also created now for English pages that
    have none yet (pages created outside the admin, or before this set-up).
    """
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    english = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if english is None:
        return
    for locale in Locale.objects.exclude(pk=english.pk):
        _sync, created = LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": english}
        )
        # Creating the setting already synchronises the trees (a signal of
        # wagtail-localize); an existing one is synchronised here.
        if synchronize and not created:
            from wagtail_localize.synctree import synchronize_tree

            synchronize_tree(english, locale)
