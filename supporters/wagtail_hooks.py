from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from supporters.admin_views.erasure import PersonEraseViewSet
from supporters.admin_views.supporters import SupporterViewSet
from supporters.models import BlockedEmailDomain
from supporters.people import person_rows_described


class BlockedEmailDomainViewSet(SnippetViewSet):
    model = BlockedEmailDomain
    icon = "warning"
    menu_label = _("Blocked email domains")
    add_to_admin_menu = True
    menu_order = 400
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain", "note"]


register_snippet(BlockedEmailDomainViewSet)


class SupportersAdminGroup(ViewSetGroup):
    menu_label = _("Supporters")
    menu_icon = "group"
    menu_order = 395
    items = (
        # The public sign-up pages have the "supporters" namespace.
        SupporterViewSet("supporter_list", url_prefix="supporters"),
        PersonEraseViewSet(),
    )


@hooks.register("register_admin_viewset")
def register_supporters_admin():
    return SupportersAdminGroup()


# Logged as "petitions.*" since before this app existed: the names stay, so
# older entries keep their wording.
@hooks.register("register_log_actions")
def register_supporters_log_actions(actions):
    @actions.register_action("petitions.export")
    class ExportFormatter(LogFormatter):
        label = _("Export")

        def format_message(self, log_entry):
            rows = log_entry.data.get("rows", 0)
            return ngettext(
                "Exported %(count)d row as %(format)s",
                "Exported %(count)d rows as %(format)s",
                rows,
            ) % {"count": rows, "format": log_entry.data.get("format", "").upper()}

    @actions.register_action("petitions.erase_person")
    class ErasePersonFormatter(LogFormatter):
        label = _("Delete a person's data")

        def format_message(self, log_entry):
            return _("Deleted one person's data: %(what)s") % {
                "what": person_rows_described(log_entry.data)
            }

    @actions.register_action("supporters.export_person")
    class ExportPersonFormatter(LogFormatter):
        label = _("Download a person's data")

        def format_message(self, log_entry):
            return _("Downloaded one person's data: %(what)s") % {
                "what": person_rows_described(log_entry.data)
            }
