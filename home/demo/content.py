"""The demo site's English content, written from the project's content brief.

Urdu and Hazaragi come from the catalogs in home/demo/locale/, keyed by these
English strings. StreamField blocks get ids derived from where they stand, so
re-running the demo finds the same blocks (and wagtail-localize the same
segments) instead of new ones."""

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from home.demo.media import TextBlock

NAMESPACE = uuid.UUID("6a8f3c36-3f0e-4c55-9a1e-5f1f3e3b2d10")


def block_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def stream(key: str, blocks: list[tuple[str, object]]) -> list[dict]:
    return [
        {"type": kind, "value": value, "id": block_id(key, index)}
        for index, (kind, value) in enumerate(blocks)
    ]


def items(key: str, values: list) -> list[dict]:
    return [
        {"type": "item", "value": value, "id": block_id(key, "item", index)}
        for index, value in enumerate(values)
    ]


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def action(kind, title, text="", page=None, document=None, link=""):
    return {
        "kind": kind,
        "title": title,
        "text": text,
        "page": page,
        "document": document,
        "link": link,
    }


def nav_link(page=None, label="", link=""):
    return {"page": page, "link": link, "label": label}


@dataclass
class Refs:
    """Ids of what the demo has created, for content that points at it."""

    pages: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    images: dict[str, int] = field(default_factory=dict)


def supporter_join_url(language: str) -> str:
    """The supporter sign-up page in a language: not a Wagtail page, so
    links to it are given per language."""
    with translation.override(language):
        return reverse("supporters:join")


# Pictures: key -> (title, picture name).
IMAGES = {
    "mountains": ("Demo: mountains at dusk", "mountains"),
    "vigil": ("Demo: candles at a vigil", "vigil"),
    "books": ("Demo: books on a shelf", "books"),
    "clinic": ("Demo: a heartbeat line", "clinic"),
    "market": ("Demo: a market stall", "market"),
    "bowls": ("Demo: bowls on a table", "bowls"),
    "report": ("Demo: printed pages", "report"),
    "logo": ("Demo: the organisation's logo", "logo"),
}

# --- documents ---------------------------------------------------------------

REPORT_TITLE = "The Hazara of Quetta: killings, protest and the demand for justice"
REPORT_INTRO = (
    "A short report on the attacks on the Hazara of Balochistan, how their "
    "families responded, and what the campaign asks for."
)
REPORT = [
    TextBlock("heading", "The Mach killings"),
    TextBlock(
        "paragraph",
        "On 3 January 2021, gunmen of the Islamic State group killed at least 11 "
        "coal miners near Mach, a mining town in Balochistan about 30 miles east "
        "of Quetta. All of them were Hazara. The men were blindfolded, bound and "
        "shot at close range; several had their throats cut. The Islamic State "
        "group claimed the attack.",
    ),
    TextBlock(
        "paragraph",
        "Protests followed in Quetta, Karachi, Lahore, Gilgit-Baltistan and "
        "Islamabad. In Quetta, families sat on the highway with the coffins and "
        "refused to bury their dead until the government met their demands.",
    ),
    TextBlock("heading", "Two decades of violence"),
    TextBlock(
        "paragraph",
        "For twenty years, Hazara in Balochistan have faced suicide bombings and "
        "targeted, sectarian killings. The appeal of Drive to Thrive names the "
        "groups behind them: Sipah-e-Sahaba, now Ahle Sunnat Wal Jamaat; "
        "Lashkar-e-Jhangvi; the Taliban; Al-Qaeda; and the Islamic State group. "
        "The same appeal gives its own figure of more than 230,000 Shia killed "
        "in Pakistan since 1963.",
    ),
    TextBlock(
        "paragraph",
        "According to that appeal, Shia are about 20 percent of Pakistan's "
        "Muslims, and about half a million Hazara live in Balochistan. Hazara "
        "are recognisable by their East Asian features and their faith, and "
        "they have been attacked in processions, mosques and markets and while "
        "travelling.",
    ),
    TextBlock("heading", "Life in two neighbourhoods"),
    TextBlock(
        "paragraph",
        "Most of Quetta's Hazara live in two neighbourhoods that protection has "
        "turned into near-ghettos. People have sold their businesses and taken "
        "their children out of school.",
    ),
    TextBlock("heading", "What the campaign asks for"),
    TextBlock(
        "paragraph",
        "Accountability: the police must investigate, gather evidence, identify "
        "suspects and arrest them; the courts must prosecute, punish the "
        "convicted and give families justice; where the police and courts of "
        "Balochistan cannot or will not, the federal government must step in.",
    ),
    TextBlock(
        "paragraph",
        "Religious freedom and security: every religious minority must be free "
        "to practise its faith in public without fear, as Articles 19 and 20 of "
        "the Constitution of Pakistan provide.",
    ),
    TextBlock(
        "paragraph",
        "Solidarity: where policing falls short, minority and majority "
        "communities must stay alert together, starting with local education, "
        "dialogue and advocacy.",
    ),
]

KIT_TITLE = "Campaign kit: stand up for the Shia Hazara of Quetta"
KIT = [
    TextBlock(
        "paragraph",
        "This kit helps you take the campaign to the people who represent you.",
    ),
    TextBlock("heading", "1. Meet your representatives"),
    TextBlock(
        "paragraph",
        "Ask for a meeting with your member of the National Assembly or of your "
        "provincial assembly. Go with two or three people, take the report with "
        "you, and ask them to support the campaign's three demands in public.",
    ),
    TextBlock("heading", "2. Write to them"),
    TextBlock(
        "paragraph",
        "If you cannot meet them, write. Use the letter below and add a few "
        "sentences of your own: a letter in your own words is more likely to be "
        "read.",
    ),
    TextBlock("heading", "Form letter"),
    TextBlock("letter", "Dear Member of the Assembly,"),
    TextBlock(
        "letter",
        "I am writing to ask for your support for the Shia Hazara of Quetta. On "
        "3 January 2021, at least 11 Hazara coal miners were murdered near Mach. "
        "Too few of those who attack the Hazara are ever brought to justice.",
    ),
    TextBlock(
        "letter",
        "I ask you to call for the killings to be investigated and the killers "
        "prosecuted; for every religious minority to be free to practise its "
        "faith in public without fear, as Articles 19 and 20 of the Constitution "
        "provide; and for the federal government to step in where the province "
        "cannot.",
    ),
    TextBlock("letter", "Yours sincerely,"),
    TextBlock("heading", "3. Talk to your neighbours"),
    TextBlock(
        "paragraph",
        "Safety starts with communities that know and trust each other. Talk to "
        "your neighbours, minority and majority alike, about the campaign, and "
        "agree how you will warn each other of threats.",
    ),
]

# key -> (title, blocks, file name stem)
DOCUMENTS = {
    "report": (REPORT_TITLE, [TextBlock("paragraph", REPORT_INTRO), *REPORT], "report"),
    "kit": (KIT_TITLE, KIT, "campaign-kit"),
}

# --- pages -------------------------------------------------------------------

HOME_TITLE = "Standing with the Hazara of Pakistan"

# The appeal's quotation, word for word, with who said it. Translations give
# it in their language and say that it is a translation.
QUOTE = "What was his crime?"
QUOTE_ATTRIBUTION = "Masooma Bibi, who lost relatives at Mach"

# The page tree, parents before children: (key, parent key, model label, slug,
# title). "home" is the English home page made by site_tree_ensure; the
# petition ("petition", under the campaign) is made by petitions/demo.py.
TREE = [
    ("donate", "home", "campaigns.DonatePage", "donate", "Donate"),
    ("programs", "home", "campaigns.ProgramIndexPage", "programs", "Our programs"),
    ("education", "programs", "campaigns.ProgramPage", "education", "Education"),
    ("clinic", "programs", "campaigns.ProgramPage", "health-clinic", "Health clinic"),
    (
        "business",
        "programs",
        "campaigns.ProgramPage",
        "entrepreneurship",
        "Entrepreneurship",
    ),
    (
        "food",
        "programs",
        "campaigns.ProgramPage",
        "food-and-clothing",
        "Food and clothing",
    ),
    (
        "appeal",
        "home",
        "campaigns.AppealPage",
        "after-mach",
        "After Mach: help the families of the murdered miners",
    ),
    (
        "campaign",
        "home",
        "campaigns.CampaignPage",
        "stand-up-for-quetta",
        "Stand up for the Shia Hazara of Quetta",
    ),
    (
        "goal_justice",
        "campaign",
        "campaigns.GoalPage",
        "law-enforcement-accountability",
        "Law enforcement accountability, now",
    ),
    (
        "goal_freedom",
        "campaign",
        "campaigns.GoalPage",
        "religious-freedom-and-security",
        "Religious freedom and security, now",
    ),
    (
        "goal_solidarity",
        "campaign",
        "campaigns.GoalPage",
        "education-and-solidarity",
        "Education and community solidarity, now",
    ),
    ("report", "campaign", "campaigns.ReportPage", "report", REPORT_TITLE),
]


def program(key, refs, intro, image, image_alt, text, button):
    return {
        "intro": intro,
        "image_id": refs.images[image],
        "image_alt": image_alt,
        "body": stream(
            key,
            [
                ("text", paragraphs(text)),
                (
                    "button",
                    {"label": button, "page": refs.pages["donate"], "link": ""},
                ),
            ],
        ),
    }


# Positions in the campaign's actions of those whose target differs by
# language (see build.content_step).
CAMPAIGN_KIT_ACTION = 3
CAMPAIGN_NOTIFY_ACTION = 6


def page_fields(refs: Refs) -> dict[str, dict]:
    """Every demo page's content, by page key (title and slug are in TREE)."""
    pages = refs.pages
    return {
        "home": {
            "title": HOME_TITLE,
            "intro": (
                "Hazara families in Quetta live with killings, threats and the loss "
                "of their livelihoods. Read their story, help the families and join "
                "the campaign for justice."
            ),
            "featured_appeal_id": pages["appeal"],
            "featured_petition_id": pages["petition"],
            "featured_campaign_id": pages["campaign"],
            "featured_programs_id": pages["programs"],
            "body": stream(
                "home",
                [
                    (
                        "actions",
                        {
                            "heading": "What you can do",
                            "actions": items(
                                "home/actions",
                                [
                                    action(
                                        "sign",
                                        "Sign the petition",
                                        "Add your name to the call for justice "
                                        "for the Hazara of Quetta.",
                                        page=pages["petition"],
                                    ),
                                    action(
                                        "donate",
                                        "Make a donation",
                                        "Give to what Drive to Thrive plans for "
                                        "the families: scholarships, a clinic, "
                                        "help to start a business, food and "
                                        "clothing.",
                                        page=pages["donate"],
                                    ),
                                    action(
                                        "volunteer",
                                        "Become a volunteer",
                                        "Join now: tell us how you would like to help.",
                                        page=pages["volunteer"],
                                    ),
                                    action(
                                        "read",
                                        "Read the report",
                                        page=pages["report"],
                                    ),
                                ],
                            ),
                        },
                    )
                ],
            ),
        },
        "appeal": {
            "intro": (
                "In January 2021 at least 11 Hazara coal miners were murdered near "
                "Mach in Balochistan. Their families, and a community living under "
                "threat, need help."
            ),
            "image_id": refs.images["mountains"],
            "image_alt": "Drawing of mountains around a valley at dusk.",
            "body": stream(
                "appeal",
                [
                    (
                        "text",
                        paragraphs(
                            "On 3 January 2021, gunmen of the Islamic State group "
                            "killed at least 11 coal miners near Mach, a mining town "
                            "in Balochistan about 30 miles east of Quetta. All of "
                            "them were Hazara, members of a Shia minority.",
                            "The men were blindfolded and bound, then shot at close "
                            "range; several had their throats cut. The Islamic "
                            "State group claimed the attack.",
                        ),
                    ),
                    (
                        "quote",
                        {
                            "quote": QUOTE,
                            "attribution": QUOTE_ATTRIBUTION,
                        },
                    ),
                    (
                        "text",
                        paragraphs(
                            "Protests followed in Quetta, Karachi, Lahore, "
                            "Gilgit-Baltistan and Islamabad. In Quetta, families "
                            "sat on the highway with the coffins of their dead and "
                            "refused to bury them until the government met their "
                            "demands."
                        ),
                    ),
                    ("heading", {"text": "Twenty years of attacks", "level": "h2"}),
                    (
                        "text",
                        paragraphs(
                            "Hazara in Balochistan have lived with suicide "
                            "bombings and targeted, sectarian killings for two "
                            "decades. This appeal names the groups behind them: "
                            "Sipah-e-Sahaba, now Ahle Sunnat Wal Jamaat; "
                            "Lashkar-e-Jhangvi; the Taliban; Al-Qaeda; and the "
                            "Islamic State group."
                        ),
                    ),
                    (
                        "fact",
                        {
                            "figure": "230,000+",
                            "description": "Shia killed in Pakistan since 1963.",
                            "source": (
                                "Drive to Thrive, in this appeal (its own figure)"
                            ),
                            "source_link": "",
                        },
                    ),
                    (
                        "text",
                        paragraphs(
                            "By the appeal's count, Shia are about 20 percent of "
                            "Pakistan's Muslims, and about half a million Hazara "
                            "live in Balochistan. Their East Asian features and "
                            "their faith make them easy to single out: they have "
                            "been attacked in processions, mosques and markets and "
                            "while travelling."
                        ),
                    ),
                    (
                        "heading",
                        {"text": "A community behind checkpoints", "level": "h2"},
                    ),
                    (
                        "text",
                        paragraphs(
                            "In Quetta, most Hazara live in two neighbourhoods that "
                            "protection has turned into near-ghettos. Families have "
                            "sold their businesses and taken their children out of "
                            "school."
                        ),
                    ),
                    (
                        "cards",
                        {
                            "heading": "How your gift helps",
                            "pages": items(
                                "appeal/cards",
                                [
                                    pages["education"],
                                    pages["clinic"],
                                    pages["business"],
                                    pages["food"],
                                ],
                            ),
                        },
                    ),
                ],
            ),
            "donate_heading": "Help the families",
            "donate_text": (
                "Drive to Thrive is planning to offer scholarships, will establish a "
                "medical clinic, and will assist families in starting businesses "
                "and with food and clothing. Give to Drive to Thrive to help make "
                "these plans happen."
            ),
            "donate_page_id": pages["donate"],
        },
        "programs": {
            "intro": (
                "Drive to Thrive plans four programs for Hazara families affected by "
                "the violence."
            ),
            "body": [],
        },
        "education": program(
            "education",
            refs,
            "Drive to Thrive is planning to offer scholarships to the children of "
            "affected families.",
            "books",
            "Drawing of four books on a shelf.",
            "In Quetta, Hazara families have taken their children out of school. "
            "Drive to Thrive is planning to offer scholarships to the children of "
            "families affected by the killings.",
            "Give towards the scholarships",
        ),
        "clinic": program(
            "clinic",
            refs,
            "Drive to Thrive will establish a medical clinic for the community.",
            "clinic",
            "Drawing of a heartbeat line.",
            "Hazara in Quetta are attacked while travelling. Drive to Thrive will "
            "establish a medical clinic for the Hazara community.",
            "Give towards the clinic",
        ),
        "business": program(
            "business",
            refs,
            "Drive to Thrive will assist families in starting businesses.",
            "market",
            "Drawing of a market stall with fruit.",
            "Many Hazara in Quetta have sold their businesses. Drive to Thrive will "
            "assist affected families in starting businesses of their own.",
            "Give towards the business help",
        ),
        "food": program(
            "food",
            refs,
            "Drive to Thrive will assist affected families with food and clothing.",
            "bowls",
            "Drawing of three bowls on a table.",
            "Drive to Thrive will assist families affected by the killings with "
            "food and clothing.",
            "Give towards food and clothing",
        ),
        "campaign": {
            "organiser": "Minority Support Pakistan",
            "intro": (
                "Minority Support Pakistan asks for three things: accountability for "
                "the killings, freedom and safety for every faith, and communities "
                "that stand together."
            ),
            "image_id": refs.images["vigil"],
            "image_alt": "Drawing of rows of lit candles at night.",
            "body": stream(
                "campaign",
                [
                    (
                        "text",
                        paragraphs(
                            "The Hazara of Quetta have been attacked for two "
                            "decades, and too few of their killers have been "
                            "brought to justice. This campaign asks the "
                            "authorities of Pakistan to act, and asks each of us "
                            "to do our part."
                        ),
                    )
                ],
            ),
            "actions": stream(
                "campaign/actions",
                [
                    (
                        "action",
                        action(
                            "sign",
                            "Sign the petition",
                            "Add your name to the campaign's demands.",
                            page=pages["petition"],
                        ),
                    ),
                    (
                        "action",
                        action(
                            "forward",
                            "Forward the petition",
                            "Send it to your friends and colleagues.",
                            page=pages["petition"],
                        ),
                    ),
                    (
                        "action",
                        action(
                            "read",
                            "Read and share the report",
                            page=pages["report"],
                        ),
                    ),
                    (
                        "action",
                        action(
                            "download",
                            "Download the campaign kit",
                            "How to lobby locally, with a form letter.",
                            document=refs.documents["kit/en"],
                        ),
                    ),
                    (
                        "action",
                        action(
                            "volunteer",
                            "Become a regional campaign coordinator",
                            "Organise the campaign where you live.",
                            page=pages["coordinator"],
                        ),
                    ),
                    (
                        "action",
                        action(
                            "donate",
                            "Give to the families",
                            "Drive to Thrive raises help for the Hazara families "
                            "of Quetta.",
                            page=pages["donate"],
                        ),
                    ),
                    (
                        "action",
                        action(
                            "notify",
                            "Notify me of more actions",
                            "Join the list of people we write to when there is a "
                            "new petition or another way to help.",
                            link=supporter_join_url(settings.LANGUAGE_CODE),
                        ),
                    ),
                ],
            ),
        },
        "goal_justice": {
            "intro": (
                "Police must investigate the killings and arrest the suspects; "
                "courts must prosecute and punish the guilty."
            ),
            "body": stream(
                "goal_justice",
                [
                    (
                        "text",
                        paragraphs(
                            "The police must investigate every attack: gather "
                            "evidence, identify the suspects and arrest them.",
                            "The courts must prosecute those arrested, punish those "
                            "convicted and give the victims' families justice.",
                            "Where the police and courts of Balochistan cannot or "
                            "will not do this, the federal government must step in.",
                        ),
                    )
                ],
            ),
        },
        "goal_freedom": {
            "intro": (
                "Every religious minority must be free to practise its faith in "
                "public without fear."
            ),
            "body": stream(
                "goal_freedom",
                [
                    (
                        "text",
                        paragraphs(
                            "Hazara have been attacked in processions, mosques and "
                            "markets. Every religious minority in Pakistan must be "
                            "able to practise its faith in public without fear.",
                            "The campaign points to the Constitution of Pakistan, "
                            "Part II, Chapter 1, Articles 19 and 20, and asks the "
                            "federal government to uphold these rights everywhere "
                            "in the country, whatever the differences between "
                            "provinces.",
                        ),
                    )
                ],
            ),
        },
        "goal_solidarity": {
            "intro": (
                "Where policing falls short, communities must stay alert together, "
                "and that starts with talking to our neighbours."
            ),
            "body": stream(
                "goal_solidarity",
                [
                    (
                        "text",
                        paragraphs(
                            "Without adequate policing, citizens of every "
                            "community, minority and majority alike, must stay "
                            "alert to threats.",
                            "The work starts locally, with education, dialogue and "
                            "advocacy. Talk to your neighbours.",
                        ),
                    )
                ],
            ),
        },
        "report": {
            "intro": REPORT_INTRO,
            "image_id": refs.images["report"],
            "image_alt": "Drawing of a stack of printed pages.",
            "document_id": refs.documents["report/en"],
            "body": stream(
                "report",
                [
                    (
                        ("heading", {"text": block.text, "level": "h2"})
                        if block.kind == "heading"
                        else ("text", paragraphs(block.text))
                    )
                    for block in REPORT
                ],
            ),
        },
        "donate": {
            "intro": (
                "Give to Drive to Thrive for what it plans for Hazara families in "
                "Quetta: scholarships, a clinic, help to start a business, food and "
                "clothing."
            ),
            "body": stream(
                "donate",
                [
                    (
                        "text",
                        paragraphs(
                            "For other ways to give, call Drive to Thrive on "
                            "+1 240-786-1947 or write to 18566 Office Park, "
                            "Montgomery Village, MD 20886, USA."
                        ),
                    )
                ],
            ),
            "payment_links": stream(
                "donate/payment_links",
                [
                    (
                        "payment_link",
                        {
                            "label": "Give online",
                            "url": "https://payments.example.org/drive-to-thrive",
                            "description": (
                                "A demonstration address: editors replace it with "
                                "the payment provider's page."
                            ),
                        },
                    )
                ],
            ),
            "bank_accounts": stream(
                "donate/bank_accounts",
                [
                    (
                        "bank_account",
                        {
                            "title": "Bank transfer",
                            "details": (
                                "Account name: Drive to Thrive\n"
                                "Bank: a demonstration entry, to be replaced by "
                                "editors\n"
                                "Account number: 000000000"
                            ),
                            "reference": "Hazara families",
                        },
                    )
                ],
            ),
        },
    }


def snippet_fields(refs: Refs) -> dict[str, dict]:
    """The organisation, menu and footer, by snippet key."""
    pages = refs.pages
    return {
        "organisation": {
            "name": "Drive to Thrive",
            "description": (
                "Drive to Thrive raises help for Hazara families in Quetta affected "
                "by sectarian killings."
            ),
            "address": "18566 Office Park\nMontgomery Village, MD 20886\nUSA",
            "phone": "+1 240-786-1947",
            "email": "",
            "social_links": [],
            "share_image_id": refs.images["mountains"],
            "logo_id": refs.images["logo"],
        },
        "menu": {
            "name": "Main menu",
            "links": stream(
                "menu",
                [
                    ("link", nav_link(pages["appeal"], "Appeal")),
                    ("link", nav_link(pages["campaign"], "Campaign")),
                    ("link", nav_link(pages["programs"], "Programs")),
                    ("link", nav_link(pages["report"], "Report")),
                    ("link", nav_link(pages["donate"], "Donate")),
                ],
            ),
        },
        "footer": {
            "name": "Site footer",
            "text": paragraphs(
                "Drive to Thrive raises help for Hazara families in Quetta. Minority "
                "Support Pakistan campaigns for their safety and for justice."
            ),
            "links": stream(
                "footer",
                [
                    ("link", nav_link(pages["petition"], "Sign the petition")),
                    ("link", nav_link(pages["report"], "Read the report")),
                    ("link", nav_link(pages["donate"], "Donate")),
                    ("link", nav_link(pages["volunteer"], "Volunteer")),
                    ("link", nav_link(pages["contact"], "Contact us")),
                ],
            ),
        },
    }
