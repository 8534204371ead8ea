"""The site's one StreamField vocabulary, shared by every page type.

Each block renders with its own template in templates/blocks/. Blocks that
point somewhere (a button, an action, a menu link) take a page, a document or
a link; pages are sent to their live translation in the visitor's language
when rendered (see home.selectors.link_target_resolve).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from home.links import link_validate
from home.selectors import (
    context_locale_id,
    forward_mailto,
    link_target_resolve,
    page_cards,
)
from home.site_address import public_url

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class LinkBlock(blocks.URLBlock):
    """A link that may also be mailto:, tel: or a path on this site.

    It stays a URLBlock so that translators can override it per language."""

    def __init__(self, required=False, help_text=None, **kwargs):
        super().__init__(required=required, help_text=help_text, **kwargs)
        self.field = forms.CharField(
            required=required,
            help_text=help_text,
            max_length=500,
            validators=[link_validate],
        )


def targets_clean(value, names: tuple[str, ...]) -> None:
    """A block that points somewhere must point at exactly one thing."""
    chosen = [name for name in names if value.get(name)]
    if len(chosen) != 1:
        raise StructBlockValidationError(
            non_block_errors=[
                ValidationError(
                    _("Choose exactly one: a page, a document or a link."),
                    code="one_target",
                )
            ]
        )


class TargetStructBlock(blocks.StructBlock):
    """A StructBlock with a target (page, document or link) among its
    children; its template receives `target`, already resolved for the
    visitor's language, or None when there is nowhere live to go."""

    target_names: tuple[str, ...] = ("page", "link")

    def clean(self, value):
        value = super().clean(value)
        targets_clean(value, self.target_names)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["target"] = link_target_resolve(
            value=value, context=parent_context or {}
        )
        return context


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Heading text"),
        max_length=120,
        help_text=_("A short heading that starts a new part of the page."),
    )
    level = blocks.ChoiceBlock(
        label=_("Heading level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a sub-heading only inside a section."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        label=_("Image"),
        help_text=_("Choose a picture from the library or upload one."),
    )
    alt_text = blocks.CharBlock(
        label=_("Description for people who cannot see it"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Leave empty only if the image is decoration."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption under the image"),
        required=False,
        max_length=250,
        help_text=_("Shown under the image; say who took it if you know."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(
        label=_("The words quoted"),
        help_text=_("The words, exactly as they were said."),
    )
    attribution = blocks.CharBlock(
        label=_("Who said it"),
        required=False,
        max_length=200,
        help_text=_("Who said it, e.g. 'A relative of two of the miners'."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class FactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(
        label=_("The figure"),
        max_length=60,
        help_text=_("The number or short fact, e.g. '11' or 'about 20 percent'."),
    )
    description = blocks.TextBlock(
        label=_("What the figure counts"),
        help_text=_("What the figure is, in one sentence."),
    )
    source = blocks.CharBlock(
        label=_("Whose figure it is"),
        max_length=200,
        help_text=_("Whose figure this is. Never publish a figure without it."),
    )
    source_link = LinkBlock(
        label=_("Where to check it"),
        help_text=_("Optional: where readers can check the figure."),
    )

    class Meta:
        icon = "pick"
        label = _("Fact or figure")
        template = "blocks/fact_block.html"


class ButtonBlock(TargetStructBlock):
    label = blocks.CharBlock(
        label=_("Button text"),
        max_length=60,
        help_text=_("What the button does, e.g. 'Donate now'."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page it leads to"),
        required=False,
        help_text=_("A page on this site, or leave empty and give a link."),
    )
    link = LinkBlock(
        label=_("Or a web address"),
        help_text=_("A web address, used only when no page is chosen."),
    )

    class Meta:
        icon = "link"
        label = _("Call-to-action button")
        template = "blocks/button_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=_("Document"),
        help_text=_("Choose a file from the library or upload one, e.g. a PDF."),
    )
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(
        label=_("What is in the document"),
        required=False,
        help_text=_("Optional: what is in the document, in a sentence."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class CardListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading above the cards"),
        required=False,
        max_length=120,
        help_text=_("Optional heading above the cards."),
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(label=_("Page")),
        label=_("Pages shown as cards"),
        help_text=_(
            "The pages to show as cards, e.g. programs or goals. Each card shows "
            "the page's image, title and introduction."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Cards of pages")
        template = "blocks/card_list_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        ids = [page.pk for page in value["pages"] if page is not None]
        cards = page_cards(
            page_ids=ids, locale_id=context_locale_id(parent_context or {})
        )
        context["cards"] = [cards[pk] for pk in ids if pk in cards]
        return context


class ActionBlock(TargetStructBlock):
    KINDS = [
        ("sign", _("Sign")),
        ("forward", _("Forward to friends")),
        ("read", _("Read")),
        ("download", _("Download")),
        ("volunteer", _("Volunteer or coordinate")),
        ("donate", _("Donate")),
        ("notify", _("Get notified")),
    ]

    kind = blocks.ChoiceBlock(
        label=_("Kind of action"),
        choices=KINDS,
        help_text=_(
            "Sets the icon. 'Forward to friends' opens the reader's email with "
            "a link to the chosen page."
        ),
    )
    title = blocks.CharBlock(
        label=_("What the supporter does"),
        max_length=100,
        help_text=_("What the supporter does, e.g. 'Sign the petition'."),
    )
    text = blocks.TextBlock(
        label=_("Why it matters"),
        required=False,
        help_text=_("Optional: one or two sentences on why it matters."),
    )
    page = blocks.PageChooserBlock(
        label=_("Page where it happens"),
        required=False,
        help_text=_("Where the action happens: a page on this site…"),
    )
    document = DocumentChooserBlock(
        label=_("Or a document to download"),
        required=False,
        help_text=_("…or a document to download…"),
    )
    link = LinkBlock(label=_("Or a web address"), help_text=_("…or a link."))

    target_names = ("page", "document", "link")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        target = context["target"]
        if value["kind"] == "forward" and target is not None:
            context["forward_href"] = forward_mailto(
                subject=target.title, url=public_url(target.url)
            )
        return context

    class Meta:
        icon = "tick-inverse"
        label = _("Action")
        template = "blocks/action_block.html"


class ActionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading above the actions"),
        required=False,
        max_length=120,
        help_text=_("E.g. 'What you can do'. Leave empty for no heading."),
    )
    actions = blocks.ListBlock(
        ActionBlock(),
        label=_("Actions, in order"),
        help_text=_("In the order a supporter should take them."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Actions a supporter can take")
        template = "blocks/actions_block.html"


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        help_text=_("Paragraphs, lists and links. Use a heading block for headings."),
        features=RICH_TEXT_FEATURES,
        template="blocks/text_block.html",
        icon="pilcrow",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    fact = FactBlock()
    button = ButtonBlock()
    document = DocumentBlock()
    cards = CardListBlock()
    actions = ActionsBlock()


class NavLinkBlock(TargetStructBlock):
    page = blocks.PageChooserBlock(
        label=_("Page"),
        required=False,
        help_text=_(
            "A page on this site. Visitors go to its translation in their "
            "language when there is one."
        ),
    )
    link = LinkBlock(
        label=_("Or a web address"),
        help_text=_("A web address, used only when no page is chosen."),
    )
    label = blocks.CharBlock(
        label=_("Text of the link"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to use the page's title."),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if value.get("link") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={
                    "label": ValidationError(
                        _("Give a label for a link to another site."),
                        code="label_required",
                    )
                }
            )
        return value


class SocialLinkBlock(blocks.StructBlock):
    NETWORKS = [
        ("facebook", "Facebook"),
        ("x", "X"),
        ("instagram", "Instagram"),
        ("youtube", "YouTube"),
        ("telegram", "Telegram"),
        ("whatsapp", "WhatsApp"),
        ("other", _("Other")),
    ]

    network = blocks.ChoiceBlock(
        label=_("Network"),
        choices=NETWORKS,
        help_text=_("The network's name is shown unless you give a label."),
    )
    url = blocks.URLBlock(
        label=_("Address of the account"),
        help_text=_("The full address of the account."),
    )
    label = blocks.CharBlock(
        label=_("Text of the link"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to use the network's name."),
    )

    class Meta:
        icon = "site"
        label = _("Social account")


class PaymentLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Button text"),
        max_length=80,
        help_text=_("E.g. 'Give by card'."),
    )
    url = blocks.URLBlock(
        label=_("Address of the payment page"),
        help_text=_(
            "The payment provider's own page. Card details are entered there, "
            "never on this site."
        ),
    )
    description = blocks.TextBlock(
        label=_("Who runs it and what it accepts"),
        required=False,
        help_text=_("Optional: who runs the payment page and what it accepts."),
    )

    class Meta:
        icon = "link-external"
        label = _("Payment link")


class BankAccountBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=100,
        help_text=_("E.g. 'Bank transfer in the United States'."),
    )
    details = blocks.TextBlock(
        label=_("Account details"),
        help_text=_(
            "Account name, bank, account number or IBAN, and any code, one per "
            "line, exactly as the bank gives them."
        ),
    )
    reference = blocks.CharBlock(
        label=_("Payment reference"),
        required=False,
        max_length=120,
        help_text=_("Optional: what givers should write as the reference."),
    )

    class Meta:
        icon = "table"
        label = _("Bank account")
