"""Staff tools in the Wagtail admin: signatures and the supporter list (lists
with filters and search, exports), petition reports, bulk invalidation and
erasing one person's data. Views wire requests to petitions.selectors,
petitions.services and supporters.exports; the menu and dashboard hooks are in
petitions.wagtail_hooks. One module per tool.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from petitions.admin_views.invalidation import InvalidationViewSet
from petitions.admin_views.reports import PetitionReportViewSet
from petitions.admin_views.signatures import SignatureViewSet
from supporters.admin_views.base import EXPORT_PERMISSION
from supporters.admin_views.erasure import PersonEraseViewSet
from supporters.admin_views.supporters import SupporterViewSet

__all__ = ["EXPORT_PERMISSION", "PetitionsAdminGroup"]


class PetitionsAdminGroup(ViewSetGroup):
    menu_label = _("Petitions")
    menu_icon = "form"
    menu_order = 390
    items = (
        SignatureViewSet("signatures"),
        PetitionReportViewSet(),
        InvalidationViewSet(),
        # The public sign-up pages have the "supporters" namespace.
        SupporterViewSet("supporter_list", url_prefix="supporters"),
        PersonEraseViewSet(),
    )
