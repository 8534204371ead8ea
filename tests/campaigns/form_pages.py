"""A volunteer form page in English, translated into Hazaragi and Urdu the
way a translator does it offline (wagtail-localize's PO file), for the form
page tests."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from campaigns.models import FormField, FormPage

FIELDS = [
    ("Your name", "singleline", True, "", ""),
    ("Email address", "email", True, "", ""),
    ("Region", "dropdown", True, "Quetta\nKarachi\nAbroad", ""),
    ("How would you like to help?", "multiline", False, "", "A sentence or two."),
    ("Skills", "checkboxes", False, "Teaching\nHealth care", ""),
]

TRANSLATIONS = {
    "haz": {
        "Volunteer with us": "قد ما داوطلب شونید",
        "Your name": "نام شمو",
        "Email address": "آدرس ایمیل",
        "Region": "منطقه",
        "Quetta<br/>Karachi<br/>Abroad": "کویته<br/>کراچی<br/>خارج",
        "How would you like to help?": "چطور کمک کده مِیتنید؟",
        "A sentence or two.": "یگ یا دو جمله.",
        "Skills": "مهارت‌ها",
        "Teaching<br/>Health care": "درس دَدو<br/>صحت",
        "Thank you for offering to help.": "تشکر که کمک پیشنهاد کدید.",
        "Tell us how you can help.": "بوگید که چطور کمک کده مِیتنید.",
        "Join now": "آلی شامل شونید",
    },
    "ur": {
        "Volunteer with us": "ہمارے ساتھ رضاکار بنیں",
        "Your name": "آپ کا نام",
        "Email address": "ای میل پتہ",
        "Region": "علاقہ",
        "Quetta<br/>Karachi<br/>Abroad": "کوئٹہ<br/>کراچی<br/>بیرون ملک",
        "How would you like to help?": "آپ کس طرح مدد کرنا چاہیں گے؟",
        "A sentence or two.": "ایک یا دو جملے۔",
        "Skills": "مہارتیں",
        "Teaching<br/>Health care": "تدریس<br/>صحت",
        "Thank you for offering to help.": "مدد کی پیشکش کا شکریہ۔",
        "Tell us how you can help.": "ہمیں بتائیں کہ آپ کیسے مدد کر سکتے ہیں۔",
        "Join now": "ابھی شامل ہوں",
    },
}


def volunteer_page_add(parent, **fields) -> FormPage:
    page = FormPage(
        title="Volunteer with us",
        slug="volunteer",
        intro="Tell us how you can help.",
        thank_you_text="<p>Thank you for offering to help.</p>",
        submit_label="Join now",
        **fields,
    )
    page.form_fields = [
        FormField(
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text=help_text,
        )
        for label, field_type, required, choices, help_text in FIELDS
    ]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return FormPage.objects.get(pk=page.pk)


def po_translate(page, code: str, strings: dict[str, str] | None = None):
    """Translate the page as a translator working offline does: download
    its PO file, fill it in, upload it, publish. Returns the published
    translation."""
    strings = strings if strings is not None else TRANSLATIONS[code]
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=code)
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, entry.msgid)
    translation.import_po(po)
    # What the editor's Publish does, without waiting for the commit that a
    # test's transaction never makes (save_target publishes on commit).
    target, _created = source.create_or_update_translation(
        translation.target_locale, publish=False
    )
    target.get_latest_revision().publish()
    return FormPage.objects.get(pk=target.pk)
