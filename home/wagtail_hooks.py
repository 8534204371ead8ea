from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.models import Footer, NavigationMenu, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "locale"]


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    list_display = ["name", "locale"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"
    list_display = ["name", "locale"]


class SiteWideViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Site-wide")
    menu_icon = "site"
    menu_order = 250
    items = (OrganisationViewSet, NavigationMenuViewSet, FooterViewSet)


register_snippet(SiteWideViewSetGroup)
