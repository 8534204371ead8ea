"""The visitor's form of a form page: Wagtail's form builder, with the field
names and choice values of the English page whatever the language, limits on
every text, a honeypot, and the "keep me informed" box.

Choices are sent as their position ("1", "2", …) and stored as the English
page's choice at that position, so a page in Urdu carries no English and
answers from every language compare."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import (
    BaseForm,
    FormBuilder,
    _split_by_newline_or_comma,
)

from supporters.forms import CONSENT_LABEL, honeypot_field

# Longest answer a multi-line field takes (a contact message), in characters.
MULTILINE_MAX_LENGTH = 5000
HONEYPOT_NAME = "homepage_url"
KEEP_INFORMED_NAME = "keep_informed"
# Names the form adds itself; an editor's field cannot take them.
RESERVED_NAMES = frozenset({HONEYPOT_NAME, KEEP_INFORMED_NAME, "language"})
# Answers under these stored names are the sender's name.
NAME_FIELDS = ("name", "your_name", "full_name")
# A drop-down starts on this, so nobody is taken to have chosen the first
# choice by skipping it.
NO_CHOICE = _("Choose one")


def _lines(value: str) -> list[str]:
    """Choices as Wagtail reads them: one a line, or comma-separated."""
    return [line for line in _split_by_newline_or_comma(value or "") if line]


def _positions(choices: str) -> dict[str, str]:
    """{choice text: its position as sent}."""
    return {label: str(position) for position, label in enumerate(_lines(choices), 1)}


class SiteForm(BaseForm):
    honeypot_name = HONEYPOT_NAME
    # {field name: {position sent: English choice stored}}
    choice_values: dict[str, dict[str, str]] = {}

    @property
    def consent_text(self) -> str:
        """The "keep me informed" wording exactly as this visitor read it."""
        return str(CONSENT_LABEL)

    def answers(self) -> dict:
        """What the visitor answered, under the English page's field names,
        without the honeypot and the box."""
        answers = {}
        for name, value in self.cleaned_data.items():
            if name in (HONEYPOT_NAME, KEEP_INFORMED_NAME):
                continue
            stored = self.choice_values.get(name)
            if stored is not None:
                value = (
                    [stored[item] for item in value]
                    if isinstance(value, list)
                    else stored.get(value, value)
                )
            answers[name] = value
        return answers

    def email_answer(self) -> str:
        """The first email field's answer: who sent the form."""
        for name, field in self.fields.items():
            if isinstance(field, forms.EmailField) and self.cleaned_data.get(name):
                return self.cleaned_data[name]
        return ""


class SiteFormBuilder(FormBuilder):
    """Builds the form of one language's page. `source_fields` are the
    English page's fields: a translated choice is stored as the English
    choice at the same position, so answers compare across languages."""

    def __init__(self, fields, *, source_fields=(), offer_updates=False):
        super().__init__(fields)
        self.source_by_key = {field.translation_key: field for field in source_fields}
        self.offer_updates = offer_updates
        self.choice_values: dict[str, dict[str, str]] = {}

    def _source(self, field):
        return self.source_by_key.get(field.translation_key, field)

    def get_formatted_field_choices(self, field):
        source = _lines(self._source(field).choices)
        labels = _lines(field.choices)
        name = field.clean_name or field.get_field_clean_name()
        self.choice_values[name] = {
            str(position): source[position - 1] if position <= len(source) else label
            for position, label in enumerate(labels, start=1)
        }
        return [(str(position), label) for position, label in enumerate(labels, 1)]

    def get_formatted_field_initial(self, field):
        positions = _positions(field.choices)
        return [
            positions[line] for line in _lines(field.default_value) if line in positions
        ]

    def get_field_options(self, field):
        options = super().get_field_options(field)
        # The default names choices by their text; send their positions.
        if field.field_type == "multiselect":
            options["initial"] = self.get_formatted_field_initial(field)
        elif field.field_type in ("dropdown", "radio"):
            options["initial"] = _positions(field.choices).get(
                field.default_value.strip()
            )
        return options

    def create_singleline_field(self, field, options):
        if (field.clean_name or field.get_field_clean_name()) in NAME_FIELDS:
            options.setdefault(
                "widget", forms.TextInput(attrs={"autocomplete": "name"})
            )
        return super().create_singleline_field(field, options)

    def create_dropdown_field(self, field, options):
        form_field = super().create_dropdown_field(field, options)
        form_field.choices = [("", NO_CHOICE), *form_field.choices]
        return form_field

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = 254
        options.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        options["max_length"] = 2000
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        options["max_length"] = 255
        return super().create_hidden_field(field, options)

    def create_number_field(self, field, options):
        options.update(max_value=10**15, min_value=-(10**15))
        return super().create_number_field(field, options)

    def get_form_class(self):
        fields = dict(self.formfields)
        for name in RESERVED_NAMES & fields.keys():
            # Never shadow the form's own fields; the admin refuses such
            # labels (campaigns.admin_forms), this covers older pages.
            fields.pop(name)
        if self.offer_updates:
            fields[KEEP_INFORMED_NAME] = forms.BooleanField(
                label=CONSENT_LABEL, required=False
            )
        fields[HONEYPOT_NAME] = honeypot_field()
        return type(
            "SiteForm", (SiteForm,), {**fields, "choice_values": self.choice_values}
        )


def reserved_name_error(name: str):
    return forms.ValidationError(
        _("“%(name)s” is used by the form itself; choose another label."),
        params={"name": name},
        code="reserved",
    )
