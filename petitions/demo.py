"""The demo site's petition, in English; its Urdu and Hazaragi text goes
through wagtail-localize like any translator's work."""

from django.db import transaction

from petitions.models import PetitionPage

TITLE = "Justice for the Hazara of Quetta"
SLUG = "petition"
INTRO = (
    "<p>We ask the federal government to make sure that those who kill Hazara "
    "in Balochistan are investigated, prosecuted and punished, and that every "
    "religious minority can practise its faith without fear.</p>"
)
ADDRESSEE = "The Prime Minister of Pakistan and the Government of Balochistan"
WHY = [
    ("heading", "Killings without justice"),
    (
        "paragraph",
        "<p>On 3 January 2021 gunmen of the Islamic State group killed at least "
        "eleven Hazara coal miners near Mach, east of Quetta. For two decades "
        "Hazara in Balochistan have faced bombings and targeted killings, and "
        "few of those responsible have been brought to court.</p>",
    ),
    ("heading", "What we ask"),
    (
        "paragraph",
        "<p>Police must investigate every attack, gather evidence and arrest "
        "suspects; courts must prosecute them and give the victims' families "
        "justice. Where Balochistan's police and courts cannot or will not act, "
        "the federal government must step in.</p>",
    ),
    (
        "paragraph",
        "<p>Part II, Chapter 1 of the Constitution of Pakistan sets out "
        "fundamental rights; Articles 19 and 20 protect freedom of speech and the "
        "freedom to profess and practise one's religion. We ask the federal "
        "government to uphold these rights in every province, whatever the "
        "differences between them.</p>",
    ),
    (
        "quote",
        {
            "quote": "What crime did they commit?",
            "attribution": "A relative of two of the miners killed near Mach",
        },
    ),
]
TARGET = 10000
THANK_YOU_TEXT = (
    "<p>While you wait for the email, tell your family and friends about the "
    "petition: every signature makes the demand harder to ignore.</p>"
)
CONFIRMATION_TEXT = (
    "<p>Your name now stands with everyone who calls for justice for the "
    "Hazara of Quetta. Please ask others to sign too.</p>"
)
SHARE_TEXT = (
    "I have signed the petition for justice for the Hazara of Quetta. Will you "
    "sign too?"
)


@transaction.atomic
def petition_demo_ensure(*, campaign_page) -> PetitionPage:
    """Give the campaign's English petition page its demo target and texts,
    creating the page if the campaign has none; safe to run again (a page that
    already has them is left as it is). Publishing it creates or updates the
    shared Petition."""
    page = PetitionPage.objects.child_of(campaign_page).order_by("pk").first()
    if page is None:
        page = campaign_page.add_child(
            instance=PetitionPage(title=TITLE, slug=SLUG, intro=INTRO)
        )
    fields = {
        "addressee": ADDRESSEE,
        "target": TARGET,
        "deadline": None,
        "closed": False,
        "thank_you_text": THANK_YOU_TEXT,
        "confirmation_text": CONFIRMATION_TEXT,
        "share_text": SHARE_TEXT,
    }
    why = [
        (block.block_type, block.block.get_prep_value(block.value))
        for block in page.why
    ]
    if why == WHY and all(
        getattr(page, name) == value for name, value in fields.items()
    ):
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.why = WHY
    page.save_revision().publish()
    return page
