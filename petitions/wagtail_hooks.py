from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from petitions.models import BlockedEmailDomain


class BlockedEmailDomainViewSet(SnippetViewSet):
    model = BlockedEmailDomain
    icon = "warning"
    menu_label = _("Blocked email domains")
    add_to_admin_menu = True
    menu_order = 400
    list_display = ["domain", "note", "created_at"]
    search_fields = ["domain", "note"]


register_snippet(BlockedEmailDomainViewSet)
