from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from campaigns.panels import ChildPagesPanel
from campaigns.selectors import campaign_actions, report_documents
from home.blocks import ActionBlock, BankAccountBlock, PaymentLinkBlock
from home.features import ActionParentMixin
from home.models import ContentPage
from home.selectors import page_children_cards, pages_localized, stream_page_ids


class AppealPage(ContentPage):
    """The story of an attack and of the community's situation, ending with a
    call to give."""

    donate_heading = models.CharField(
        _("donation call heading"),
        max_length=120,
        blank=True,
        help_text=_("E.g. 'Help the families'. Leave empty for no donation call."),
    )
    donate_text = models.TextField(
        _("donation call text"),
        blank=True,
        help_text=_("One or two sentences on what a gift pays for."),
    )
    donate_page = models.ForeignKey(
        "campaigns.DonatePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("donate page"),
        help_text=_("Where the donation call's button leads."),
    )

    content_panels = ContentPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("donate_heading"),
                FieldPanel("donate_text"),
                FieldPanel("donate_page"),
            ],
            heading=_("Donation call"),
        )
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    page_description = _(
        "The story of an attack and of the community's situation, with quotes "
        "and facts, ending with a call to give. Goes under the home page."
    )

    class Meta:
        verbose_name = _("appeal page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["donate_target"] = context["localized_pages"].get(self.donate_page_id)
        return context


class CampaignPage(ActionParentMixin, ContentPage):
    """A campaign with its goals (child goal pages), its petition, its report
    and the actions a supporter can take."""

    organiser = models.CharField(
        _("run by"),
        max_length=120,
        blank=True,
        help_text=_(
            "The name of the organisation running the campaign, if not the "
            "site's: shown under the title, at the top of the campaign's pages "
            "and as the sender of emails about its petition."
        ),
    )
    actions = StreamField(
        [("action", ActionBlock())],
        blank=True,
        verbose_name=_("Actions a supporter can take"),
        help_text=_(
            "What a supporter can do, in order: sign, forward, read the report, "
            "download the kit, become a coordinator, donate, get notified."
        ),
    )

    run_by_field = "organiser"

    content_panels = ContentPage.content_panels[:2] + [
        FieldPanel("organiser"),
        *ContentPage.content_panels[2:],
        FieldPanel("actions"),
        ChildPagesPanel(heading=_("Goals, petition, report and forms")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "campaigns.GoalPage",
        "campaigns.ReportPage",
        "campaigns.FormPage",
    ]
    page_description = _(
        "A campaign and the actions a supporter can take. Goes under the home "
        "page; its goals, petition, report and forms are added under it."
    )

    class Meta:
        verbose_name = _("campaign page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["goals"] = page_children_cards(parent=self, model=GoalPage)
        context["actions"] = campaign_actions(campaign=self)
        context["reports"] = page_children_cards(parent=self, model=ReportPage)
        return context


class GoalPage(ContentPage):
    """One demand of a campaign."""

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types: list[str] = []
    page_description = _(
        "One demand of a campaign, e.g. that the killers are brought to trial. "
        "Goes under its campaign page."
    )

    class Meta:
        verbose_name = _("goal page")

    def get_context(self, request, *args, **kwargs):
        """The page ends with the campaign's main action: its first action page
        (a petition), else the first of its actions."""
        context = super().get_context(request, *args, **kwargs)
        campaign = self.get_parent().specific
        action_pages = campaign_actions(campaign=campaign)
        action = None if action_pages else next(iter(campaign.actions), None)
        if action is not None:
            context["localized_pages"] |= pages_localized(
                page_ids=stream_page_ids(action.value), locale_id=self.locale_id
            )
        context["campaign"] = campaign
        context["campaign_action_page"] = action_pages[0] if action_pages else None
        context["campaign_action"] = action
        return context


class ProgramIndexPage(ContentPage):
    """Lists the programs (its child pages) as cards."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.ProgramPage"]
    max_count_per_parent = 1
    page_description = _(
        "Lists the organisation's programs as cards. One, under the home page; "
        "each program is added under it."
    )

    class Meta:
        verbose_name = _("programs page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programs"] = page_children_cards(parent=self, model=ProgramPage)
        return context


class ProgramPage(ContentPage):
    """One program: scholarships, a clinic, help to start a business…"""

    parent_page_types = ["campaigns.ProgramIndexPage"]
    subpage_types: list[str] = []
    page_description = _(
        "One program, e.g. scholarships or the health clinic. Goes under the "
        "programs page."
    )

    class Meta:
        verbose_name = _("program page")


class ReportPage(ContentPage):
    """A report to read on the page, share and download. Each language offers
    the document in its own language when it has one, else the original's."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("The report as a file"),
        help_text=_(
            "The report as a file to download. In a translation, choose the "
            "document in that language under the translation's synchronised "
            "fields; without one, readers get the original's document."
        ),
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("When the report was published. Optional."),
    )

    content_panels = ContentPage.content_panels + [
        FieldPanel("document"),
        FieldPanel("published_on"),
    ]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types: list[str] = []
    page_description = _(
        "A report to read on the page and download as a file. Goes under its "
        "campaign page."
    )

    class Meta:
        verbose_name = _("report page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["document"], context["other_documents"] = report_documents(report=self)
        return context


class DonatePage(ContentPage):
    """How to give: links to payment providers' own pages and bank details.
    No card data is ever entered on this site."""

    payment_links = StreamField(
        [("payment_link", PaymentLinkBlock())],
        blank=True,
        verbose_name=_("payment links"),
        help_text=_(
            "Buttons to the payment providers' pages. In a translation they can "
            "point at a page in that language."
        ),
    )
    bank_accounts = StreamField(
        [("bank_account", BankAccountBlock())],
        blank=True,
        verbose_name=_("bank accounts"),
        help_text=_("Accounts for bank transfers, with their details."),
    )

    content_panels = ContentPage.content_panels + [
        FieldPanel("payment_links"),
        FieldPanel("bank_accounts"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    page_description = _(
        "How to give: links to payment providers' pages and bank details. One, "
        "under the home page."
    )

    class Meta:
        verbose_name = _("donate page")
