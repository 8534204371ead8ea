from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin, get_page_models
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import (
    RICH_TEXT_FEATURES,
    BodyBlock,
    NavLinkBlock,
    SocialLinkBlock,
)
from home.features import HOME_CHILD_PAGE_TYPES, home_feature
from home.links import LinksCheckedMixin
from home.process_cache import process_cached
from home.selectors import (
    page_cards,
    page_children_cards,
    pages_localized,
    stream_page_ids,
)
from home.translation.services import TranslatorPagePermissionTester


def image_field(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


@dataclass(frozen=True)
class HomeSection:
    """One featured section of the home page: the chosen page in the
    visitor's language and its cards, shown by the registering app's
    template."""

    template: str
    page: Page
    cards: list


class SitePage(LinksCheckedMixin, Page):
    """What every page of the site shares: link-preview fields on the promote
    tab, ASCII slugs kept identical in every language, and page links sent to
    the visitor's language when rendered."""

    share_title = models.CharField(
        _("preview title"),
        max_length=120,
        blank=True,
        help_text=_(
            "The title shown when the page is shared on WhatsApp, Facebook and "
            "the like. Leave empty to use the page title."
        ),
    )
    share_description = models.TextField(
        _("preview description"),
        blank=True,
        help_text=_(
            "One or two sentences shown under the title in link previews. Leave "
            "empty to use the page's introduction."
        ),
    )
    share_image = image_field(
        _("preview image"),
        _(
            "The picture shown in link previews, best 1200 by 630 pixels. Leave "
            "empty to use the page's image or the organisation's default."
        ),
    )

    # Slugs stay ASCII and the same in every language, so shared links stay
    # readable; titles and text are translated.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [
                FieldPanel("share_title"),
                FieldPanel("share_description"),
                FieldPanel("share_image"),
            ],
            heading=_("For link previews"),
        )
    ]

    # Foreign keys fetched together when the page is shown as a card.
    card_related: tuple[str, ...] = ("share_image",)

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return TranslatorPagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def read():
            return pages_localized(
                page_ids=self.linked_page_ids(), locale_id=self.locale_id
            )

        # A preview shows the draft's links; a live page's are kept by the
        # process until the next publish (home.process_cache).
        if getattr(request, "is_preview", False) or self.pk is None:
            context["localized_pages"] = read()
        else:
            context["localized_pages"] = process_cached(
                ("localized-pages", self.pk), read
            )
        return context

    def linked_page_ids(self) -> set[int]:
        """Ids of the pages this page's StreamFields and page choosers link to."""
        ids: set[int] = set()
        for field in self._meta.concrete_fields:
            if isinstance(field, StreamField):
                ids |= stream_page_ids(getattr(self, field.name))
            elif (
                isinstance(field, models.ForeignKey)
                and issubclass(field.related_model, Page)
                and not field.remote_field.parent_link
                and field.name not in {"page_ptr", "alias_of"}
                and getattr(self, field.attname)
            ):
                ids.add(getattr(self, field.attname))
        return ids

    def card_image(self):
        return self.share_image

    def card_text(self) -> str:
        return self.share_description or self.search_description

    # A page type that names the organisation running it and the pages under
    # it (where that is not the site's organisation) names the field here.
    run_by_field = ""

    def run_by(self) -> str:
        """The name of the organisation that speaks on this page: the nearest
        one named by the page or a page above it (a campaign's "run by"), or
        "" for the site's own organisation. One query per page type that has
        a "run by" (the campaign page), once per publish."""
        if self.pk is None:
            return self._run_by_read()
        # Kept by the process until the next publish (a page above may have
        # changed its "run by", or the page moved).
        return process_cached(("run-by", self.pk), self._run_by_read)

    def _run_by_read(self) -> str:
        names = []
        for model in get_page_models():
            field = getattr(model, "run_by_field", "")
            if not field:
                continue
            names += (
                model.objects.ancestor_of(self, inclusive=True)
                .exclude(**{field: ""})
                .values_list("depth", field)
            )
        return max(names, default=(0, ""))[1]


class ContentPage(SitePage):
    """A page with an introduction, a main image and a body of blocks."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "One or two sentences under the title. Also shown on cards and in "
            "link previews."
        ),
    )
    image = image_field(
        _("main image"),
        _("Shown at the top of the page and on its card. Optional."),
    )
    image_alt = models.CharField(
        _("main image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the main image for people who cannot see it. Leave empty "
            "if it is only decoration."
        ),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("Page content"),
        help_text=_(
            "The page's content: text, headings, images, quotes, facts, buttons, "
            "documents, cards and actions."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Main image")
        ),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    card_related = ("image", "share_image")

    class Meta:
        abstract = True

    def card_image(self):
        return self.image or self.share_image

    def card_text(self) -> str:
        return self.intro or super().card_text()


class HomeFeatureChooserPanel(PageChooserPanel):
    """A chooser offering only the page types an app registered for this
    slot of the home page (home.features)."""

    def get_form_options(self):
        opts = super().get_form_options()
        feature = home_feature(self.field_name)
        if feature is not None:
            opts.setdefault("widgets", {})[self.field_name] = AdminPageChooser(
                target_models=feature.page_types
            )
        return opts


class HomePage(ContentPage):
    """The root of one language's tree: /en/, /ur/, /haz/. Translations are
    made with 'Translate', so there is one home page per language.

    Its featured slots are choosers of any page: the feature apps say which
    of their page types fit each slot and how it is shown (home.features),
    so this app names none of theirs."""

    FEATURE_FIELDS = (
        "featured_appeal",
        "featured_petition",
        "featured_campaign",
        "featured_programs",
    )

    featured_appeal = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured appeal"),
        help_text=_("The appeal shown first, with its image and introduction."),
    )
    featured_petition = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured petition"),
        help_text=_("The petition shown with its count of signatures."),
    )
    featured_campaign = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured campaign"),
        help_text=_(
            "The campaign whose goals are listed. Its goal pages are shown in "
            "the order they have in the page tree."
        ),
    )
    featured_programs = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("programs to show"),
        help_text=_("The programs page whose programs are listed as cards."),
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [
                HomeFeatureChooserPanel("featured_appeal"),
                HomeFeatureChooserPanel("featured_petition"),
                HomeFeatureChooserPanel("featured_campaign"),
                HomeFeatureChooserPanel("featured_programs"),
            ],
            heading=_("Featured on the home page"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = HOME_CHILD_PAGE_TYPES
    max_count_per_parent = 1
    page_description = _(
        "The front page of one language, at the top of its tree; there is one "
        "per language, made with Translate."
    )

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        errors = {}
        for name in self.FEATURE_FIELDS:
            feature = home_feature(name)
            page_id = getattr(self, f"{name}_id")
            if feature is None or page_id is None:
                continue
            chosen = Page.objects.filter(pk=page_id).select_related("content_type")
            chosen = chosen.first()
            allowed = {label.lower() for label in feature.page_types}
            if chosen is not None and (
                f"{chosen.content_type.app_label}.{chosen.content_type.model}"
                not in allowed
            ):
                errors[name] = _("Choose a page of the kind this place shows.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context["features"] = self.features()
        else:
            # Kept by the process until anything is published again
            # (home.process_cache); counts are read as each page renders.
            context["features"] = process_cached(
                ("home-features", self.pk), self.features
            )
        return context

    def features(self) -> list[HomeSection]:
        """The featured pages of this home page, each with its cards."""
        features = [
            (feature, getattr(self, f"{name}_id"))
            for name in self.FEATURE_FIELDS
            if (feature := home_feature(name)) is not None
        ]
        pages = page_cards(
            page_ids=[page_id for _feature, page_id in features if page_id],
            locale_id=self.locale_id,
        )
        return [
            HomeSection(
                template=feature.template,
                page=pages[page_id],
                cards=page_children_cards(
                    parent=pages[page_id], model=feature.children_model()
                )
                if feature.children
                else [],
            )
            for feature, page_id in features
            if page_id in pages
        ]


class Organisation(LinksCheckedMixin, TranslatableMixin, models.Model):
    """Who runs the site: name, contact details and social accounts, one
    translation per language."""

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("Shown at the top of every page and in the footer."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "One or two sentences about the organisation, used in link previews "
            "of pages that have no description of their own."
        ),
    )
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("As it should appear in the footer, one line per line."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("With the country code, e.g. +1 240 786 1947."),
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("The address visitors may write to.")
    )
    social_links = StreamField(
        [("account", SocialLinkBlock())],
        blank=True,
        verbose_name=_("social accounts"),
        help_text=_("Links to the organisation's accounts, shown in the footer."),
    )
    share_image = image_field(
        _("default preview image"),
        _("Shown in link previews of pages that have no image of their own."),
    )
    logo = image_field(
        _("logo"),
        _(
            "Shown beside the name at the top of every page, about 48 pixels "
            "high. Optional."
        ),
    )

    override_translatable_fields = [SynchronizedField("phone")]

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("social_links"),
        FieldPanel("share_image"),
        FieldPanel("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class NavigationMenu(LinksCheckedMixin, TranslatableMixin, models.Model):
    """The main menu under the site name."""

    name = models.CharField(
        _("name"),
        max_length=60,
        help_text=_("For editors only, e.g. 'Main menu'."),
    )
    links = StreamField(
        [("link", NavLinkBlock())],
        blank=True,
        verbose_name=_("links"),
        help_text=_(
            "The menu's links in order. A page without a translation in the "
            "visitor's language links to the original."
        ),
    )

    override_translatable_fields = [SynchronizedField("name")]

    panels = [FieldPanel("name"), FieldPanel("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")
        verbose_name_plural = _("navigation menus")

    def __str__(self):
        return self.name


class Footer(LinksCheckedMixin, TranslatableMixin, models.Model):
    """The text and links at the foot of every page, under the organisation's
    contact details."""

    name = models.CharField(
        _("name"),
        max_length=60,
        help_text=_("For editors only, e.g. 'Site footer'."),
    )
    text = RichTextField(
        _("text"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A sentence or two, e.g. what the organisation stands for."),
    )
    links = StreamField(
        [("link", NavLinkBlock())],
        blank=True,
        verbose_name=_("links"),
        help_text=_("Links shown in the footer, e.g. to the donate page."),
    )

    override_translatable_fields = [SynchronizedField("name")]

    panels = [FieldPanel("name"), FieldPanel("text"), FieldPanel("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return self.name


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """Which organisation, menu and footer the site shows. Each language shows
    its own translation of them, or the original where there is none yet."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Name and contact details shown on every page."),
    )
    main_menu = models.ForeignKey(
        NavigationMenu,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main menu"),
        help_text=_("The menu under the site name on every page."),
    )
    footer = models.ForeignKey(
        Footer,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("footer"),
        help_text=_("The text and links at the foot of every page."),
    )

    select_related = ["organisation", "main_menu", "footer"]

    panels = [FieldPanel("organisation"), FieldPanel("main_menu"), FieldPanel("footer")]

    class Meta:
        verbose_name = _("site settings")
