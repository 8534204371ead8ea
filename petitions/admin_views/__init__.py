"""Staff tools in the Wagtail admin: signatures (list with filters and
search, exports), petition reports, bulk invalidation. Views wire requests to
petitions.selectors, petitions.services and supporters.exports; the menu and
dashboard hooks are in petitions.wagtail_hooks. One module per tool. The
supporter list and erasing a person's data are the supporters app's.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from petitions.admin_views.invalidation import InvalidationViewSet
from petitions.admin_views.reports import PetitionReportViewSet
from petitions.admin_views.signatures import SignatureViewSet

__all__ = ["PetitionsAdminGroup"]


class PetitionsAdminGroup(ViewSetGroup):
    menu_label = _("Petitions")
    menu_icon = "form"
    menu_order = 390
    items = (
        SignatureViewSet("signatures"),
        PetitionReportViewSet(),
        InvalidationViewSet(),
    )
