"""The demo site's petition, in English; its Urdu and Hazaragi text comes from
the demo catalogs (home/demo/locale/) through wagtail-localize, like any
translator's work. The demo command runs petition_demo_ensure as one of its
steps (home/demo/build.py)."""

from django.db import transaction

from home.demo.content import QUOTE, QUOTE_ATTRIBUTION, paragraphs, stream
from home.demo.ensure import demo_page_ensure, demo_page_update
from petitions.models import PetitionPage

TITLE = "Justice for the Hazara of Quetta"
SLUG = "petition"
INTRO = paragraphs(
    "We ask the federal government to make sure that those who kill Hazara in "
    "Balochistan are investigated, prosecuted and punished, and that every "
    "religious minority can practise its faith without fear."
)
ADDRESSEE = "The Prime Minister of Pakistan and the Government of Balochistan"
# Under the page's own "Why this matters" heading, so sub-headings.
WHY = stream(
    "petition/why",
    [
        ("heading", {"text": "Killings without justice", "level": "h3"}),
        (
            "text",
            paragraphs(
                "On 3 January 2021 gunmen of the Islamic State group killed at "
                "least eleven Hazara coal miners near Mach, east of Quetta. For two "
                "decades Hazara in Balochistan have faced bombings and targeted "
                "killings, and few of those responsible have been brought to court."
            ),
        ),
        ("heading", {"text": "What we ask", "level": "h3"}),
        (
            "text",
            paragraphs(
                "Police must investigate every attack, gather evidence and arrest "
                "suspects; courts must prosecute them and give the victims' "
                "families justice. Where Balochistan's police and courts cannot or "
                "will not act, the federal government must step in.",
                "Part II, Chapter 1 of the Constitution of Pakistan sets out "
                "fundamental rights; Articles 19 and 20 protect freedom of speech "
                "and the freedom to profess and practise one's religion. We ask the "
                "federal government to uphold these rights in every province, "
                "whatever the differences between them.",
            ),
        ),
        (
            "quote",
            {
                "quote": QUOTE,
                "attribution": QUOTE_ATTRIBUTION,
            },
        ),
    ],
)
TARGET = 10000
THANK_YOU_TEXT = paragraphs(
    "While you wait for the email, tell your family and friends about the "
    "petition: every signature makes the demand harder to ignore."
)
CONFIRMATION_TEXT = paragraphs(
    "Your name now stands with everyone who calls for justice for the Hazara of "
    "Quetta. Please ask others to sign too."
)
SHARE_TEXT = (
    "I have signed the petition for justice for the Hazara of Quetta. Will you "
    "sign too?"
)


@transaction.atomic
def petition_demo_ensure(*, campaign_page) -> tuple[PetitionPage, bool]:
    """The campaign's English demo petition with its target and texts, created
    and published where missing, republished only when something differs.
    Publishing creates or updates the shared Petition. Returns the page and
    whether anything changed."""
    page, created = demo_page_ensure(
        parent=campaign_page, model=PetitionPage, slug=SLUG, title=TITLE
    )
    changed = demo_page_update(
        page=page,
        fields={
            "title": TITLE,
            "intro": INTRO,
            "addressee": ADDRESSEE,
            "why": WHY,
            "target": TARGET,
            "deadline": None,
            "closed": False,
            "thank_you_text": THANK_YOU_TEXT,
            "confirmation_text": CONFIRMATION_TEXT,
            "share_text": SHARE_TEXT,
        },
    )
    return PetitionPage.objects.get(pk=page.pk), created or changed


def petition_demo_step(site) -> None:
    """The demo command's step (home.demo.build, registered by petitions.apps):
    the campaign's petition with its target and texts."""
    page, changed = petition_demo_ensure(campaign_page=site.pages["campaign"])
    site.pages["petition"] = page
    site.refs.pages["petition"] = page.pk
    if changed:
        site.changes.append("page petition updated")
