"""What every staff view over people's data shares (the supporters app's
and the feature apps'): permissions, the language names, the listing's
query string, export formats and filters, the menu item and template wiring
of the tools that are not model listings."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from supporters.exports import ExportFormat

# Exporting signatures, the supporter list or form submissions.
EXPORT_PERMISSION = "supporters.export_personal_data"


def language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


def listing_query(request) -> str:
    """The listing's filters and search as a query string, without its page."""
    query = request.GET.copy()
    for key in ("p", "export", "_"):
        query.pop(key, None)
    return query.urlencode()


def export_format_of(request) -> ExportFormat:
    try:
        return ExportFormat(request.GET.get("format", "csv"))
    except ValueError:
        return ExportFormat.CSV


def export_filters_of(request) -> dict[str, str]:
    """The filters of an export, for the log; a search is noted but not
    written down, since it may be someone's address."""
    filters = {
        # PostgreSQL cannot store NUL in the log's JSON.
        key.replace("\x00", ""): value.replace("\x00", "")
        for key, value in request.GET.items()
        if key not in ("format", "p", "q") and value
    }
    if request.GET.get("q", "").strip():
        filters["search"] = "yes"
    return filters


class StaffView(WagtailAdminTemplateMixin):
    permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class PermissionMenuViewSet(ViewSet):
    """A menu entry shown only to users with the view's permissions."""

    permissions: tuple[str, ...] = ()

    @cached_property
    def menu_item_class(self):
        permissions = self.permissions

        class PermissionMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perms(permissions)

        return PermissionMenuItem
