"""The demo site's form pages, in English: volunteer sign-up ("join now"),
regional campaign coordinator sign-up and contact. Their Urdu and Hazaragi
text, labels and choices come from the demo catalogs (home/demo/locale/)
through wagtail-localize, like any translator's work. The demo command runs
form_pages_demo_ensure as one of its steps (home/demo/build.py)."""

from dataclasses import dataclass

from django.db import transaction

from campaigns.models import FormField, FormPage
from home.demo.content import block_id, paragraphs, stream
from home.demo.ensure import demo_page_ensure, demo_page_update

REGIONS = "\n".join(
    [
        "Quetta",
        "Elsewhere in Balochistan",
        "Karachi",
        "Elsewhere in Pakistan",
        "Outside Pakistan",
    ]
)


@dataclass(frozen=True)
class Field:
    label: str
    field_type: str
    required: bool = True
    help_text: str = ""
    choices: str = ""


@dataclass(frozen=True)
class DemoForm:
    key: str
    parent: str
    slug: str
    title: str
    intro: str
    text: str
    submit_label: str
    thank_you: str
    fields: tuple[Field, ...]


NAME = Field("Your name", "singleline")
EMAIL = Field(
    "Your email address",
    "email",
    help_text="We write to you at this address, and never share it.",
)

FORMS = (
    DemoForm(
        key="volunteer",
        parent="home",
        slug="join-now",
        title="Become a volunteer",
        intro="Give some of your time to the Hazara families of Quetta.",
        text=(
            "Drive to Thrive is looking for volunteers for the help it plans for "
            "the families and to tell others about their situation. Tell us what "
            "you can do and we will be in touch."
        ),
        submit_label="Join now",
        thank_you=(
            "Thank you for offering your time. Someone from our team will write to "
            "you soon."
        ),
        fields=(
            NAME,
            EMAIL,
            Field("Where you live", "dropdown", choices=REGIONS),
            Field(
                "How you would like to help",
                "checkboxes",
                required=False,
                choices="\n".join(
                    [
                        "Teaching",
                        "Health care",
                        "Collecting food and clothing",
                        "Telling others about the campaign",
                        "Something else",
                    ]
                ),
            ),
            Field(
                "Anything else we should know",
                "multiline",
                required=False,
                help_text="Optional.",
            ),
        ),
    ),
    DemoForm(
        key="coordinator",
        parent="campaign",
        slug="regional-coordinator",
        title="Become a regional campaign coordinator",
        intro="Organise the campaign for the Hazara of Quetta where you live.",
        text=(
            "A regional coordinator brings people together, meets local "
            "representatives with the campaign kit, and keeps Minority Support "
            "Pakistan told of what happens in their region."
        ),
        submit_label="Sign up as a coordinator",
        thank_you=(
            "Thank you for offering to coordinate the campaign in your region. We "
            "will write to you with the next steps."
        ),
        fields=(
            NAME,
            EMAIL,
            Field("Your region", "dropdown", choices=REGIONS),
            Field("Your town or city", "singleline"),
            Field(
                "Your experience of organising",
                "multiline",
                required=False,
                help_text="Optional: groups, events or campaigns you have run.",
            ),
        ),
    ),
    DemoForm(
        key="contact",
        parent="home",
        slug="contact",
        title="Get in touch",
        intro="Write to us with a question, an offer of help or news from Quetta.",
        text=(
            "You can also write to us by post or call us: our address and phone "
            "number are at the foot of every page."
        ),
        submit_label="Send",
        thank_you="Thank you for your message. We will answer you as soon as we can.",
        fields=(
            NAME,
            EMAIL,
            Field("Your message", "multiline"),
        ),
    ),
)


def _fields_wanted(form: DemoForm) -> list[dict]:
    return [
        {
            "translation_key": block_id("form", form.key, field.label),
            "label": field.label,
            "field_type": field.field_type,
            "required": field.required,
            "help_text": field.help_text,
            "choices": field.choices,
            "default_value": "",
        }
        for field in form.fields
    ]


def _fields_have(page: FormPage) -> list[dict]:
    return [
        {
            "translation_key": str(field.translation_key),
            "label": field.label,
            "field_type": field.field_type,
            "required": field.required,
            "help_text": field.help_text,
            "choices": field.choices,
            "default_value": field.default_value,
        }
        for field in page.form_fields.all()
    ]


def _form_fields_ensure(page: FormPage, form: DemoForm) -> bool:
    """The form's fields, as stored: changed only where they differ, each
    field keeping its stored name and translation key."""
    wanted = _fields_wanted(form)
    if _fields_have(page) == wanted:
        return False
    existing = {str(field.translation_key): field for field in page.form_fields.all()}
    fields = []
    for values in wanted:
        field = existing.get(str(values["translation_key"])) or FormField()
        for name, value in values.items():
            setattr(field, name, value)
        fields.append(field)
    page.form_fields = fields
    page.save_revision().publish()
    return True


@transaction.atomic
def form_pages_demo_ensure(*, pages: dict) -> dict[str, tuple[FormPage, bool]]:
    """The demo's English form pages under their parents in `pages`, created
    where missing and republished only when something differs. Returns each
    page and whether anything changed, by key."""
    done = {}
    for form in FORMS:
        page, created = demo_page_ensure(
            parent=pages[form.parent], model=FormPage, slug=form.slug, title=form.title
        )
        page = FormPage.objects.get(pk=page.pk)
        fields_changed = _form_fields_ensure(page, form)
        changed = demo_page_update(
            page=page,
            fields={
                "title": form.title,
                "intro": form.intro,
                "body": stream(f"{form.key}/body", [("text", paragraphs(form.text))]),
                "submit_label": form.submit_label,
                "thank_you_text": paragraphs(form.thank_you),
                "offer_updates": True,
            },
        )
        done[form.key] = (
            FormPage.objects.get(pk=page.pk),
            created or fields_changed or changed,
        )
    return done


def form_pages_demo_step(site) -> None:
    """The demo command's step (home.demo.build, registered by campaigns.apps):
    the volunteer, coordinator and contact forms."""
    for key, (page, changed) in form_pages_demo_ensure(pages=site.pages).items():
        site.pages[key] = page
        site.refs.pages[key] = page.pk
        if changed:
            site.changes.append(f"page {key} updated")
