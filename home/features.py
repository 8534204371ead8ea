"""What the feature apps put on the home page and under it, registered from
their AppConfig.ready, so that `home` imports none of them.

The home page has four slots, page choosers to any page (HomePage's
`featured_*` fields); an app says which of its page types fit a slot, which
child pages of the chosen page to list as cards, and the template of the
section (`home_feature_register`). Page types allowed under the home page
and the pages a campaign lists as actions are registered the same way."""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class HomeFeature:
    """One slot of the home page as an app fills it.

    `field` is the HomePage field holding the chosen page, `page_types` the
    models ("app_label.ModelName") an editor may choose for it, `template`
    the section shown, given `feature` (the page in the visitor's language)
    and `cards` (its live children of model `children`, if any)."""

    field: str
    page_types: tuple[str, ...]
    template: str
    children: str = ""

    def children_model(self):
        return apps.get_model(self.children) if self.children else None


@dataclass(frozen=True)
class ActionPageType:
    """Pages of `page_type` are something a supporter does (sign a
    petition): the page they are under shows each with `template`, given
    `feature` (the page)."""

    page_type: str
    template: str

    def model(self):
        return apps.get_model(self.page_type)


_FEATURES: dict[str, HomeFeature] = {}
# HomePage.subpage_types is this list: apps add to it before Wagtail first
# reads it (once every AppConfig.ready has run).
HOME_CHILD_PAGE_TYPES: list[str] = []
_ACTION_PAGE_TYPES: dict[str, ActionPageType] = {}
_ACTION_PARENT_PAGE_TYPES: list[str] = []


def home_feature_register(feature: HomeFeature) -> None:
    _FEATURES[feature.field] = feature


def home_feature(field: str) -> HomeFeature | None:
    return _FEATURES.get(field)


def home_child_page_types_register(*page_types: str) -> None:
    """Let editors add pages of these types right under the home page."""
    HOME_CHILD_PAGE_TYPES.extend(
        t for t in page_types if t not in HOME_CHILD_PAGE_TYPES
    )


def action_page_type_register(action: ActionPageType) -> None:
    _ACTION_PAGE_TYPES[action.page_type] = action


def action_parent_page_types_register(*page_types: str) -> None:
    """Page types under which action pages go (a campaign)."""
    _ACTION_PARENT_PAGE_TYPES.extend(
        t for t in page_types if t not in _ACTION_PARENT_PAGE_TYPES
    )


def action_page_types() -> list[ActionPageType]:
    return list(_ACTION_PAGE_TYPES.values())


class ActionPageMixin:
    """For an action page type: it goes under the registered action parents
    (instead of naming them in `parent_page_types`)."""

    @classmethod
    def clean_parent_page_models(cls):
        return [apps.get_model(label) for label in _ACTION_PARENT_PAGE_TYPES]


class ActionParentMixin:
    """For a page that holds actions: its `subpage_types` plus every
    registered action page type."""

    @classmethod
    def clean_subpage_models(cls):
        return [
            *super().clean_subpage_models(),
            *(action.model() for action in _ACTION_PAGE_TYPES.values()),
        ]
