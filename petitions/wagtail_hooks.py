from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from petitions.admin_views import PetitionsAdminGroup
from petitions.selectors import petitions_counts


@hooks.register("register_admin_viewset")
def register_petitions_admin():
    return PetitionsAdminGroup()


class PetitionCountsPanel(Component):
    """Confirmed signatures per petition and language on the dashboard, from
    the reconciled counts: the same cost however many signatures there are."""

    name = "petition_counts"
    order = 90
    template_name = "petitions/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        return {
            "rows": petitions_counts(limit=10),
            "languages": {code: str(name) for code, name in settings.LANGUAGES},
        }


@hooks.register("construct_homepage_panels")
def add_petition_counts_panel(request, panels):
    if request.user.has_perm("petitions.view_signature"):
        panels.append(PetitionCountsPanel())


@hooks.register("register_log_actions")
def register_petition_log_actions(actions):
    @actions.register_action("petitions.invalidate")
    class InvalidateFormatter(LogFormatter):
        label = _("Invalidate signatures")

        def format_message(self, log_entry):
            count = log_entry.data.get("signatures", 0)
            message = ngettext(
                "Invalidated %(count)d signature",
                "Invalidated %(count)d signatures",
                count,
            ) % {"count": count}
            reason = log_entry.data.get("reason")
            if not reason:
                return message
            return _("%(action)s. Reason: %(reason)s") % {
                "action": message,
                "reason": reason,
            }

    @actions.register_action("petitions.anonymise")
    class AnonymiseFormatter(LogFormatter):
        label = _("Anonymise signatures")

        def format_message(self, log_entry):
            count = log_entry.data.get("signatures", 0)
            return ngettext(
                "Anonymised %(count)d signature",
                "Anonymised %(count)d signatures",
                count,
            ) % {"count": count}
