"""What every form that takes a person's name and address shares: the
consent wording, the honeypot, the checks on names; and the sign-up form of
the supporter list. Every label and error is our own translated string:
Django ships no Hazaragi."""

import re

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from supporters.identity import name_normalize

# A spreadsheet would run a cell starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
LINK = re.compile(
    r"(://|www\.|\.(com|net|org|info|biz|ru|xyz|top|io|ly|me|link|site|online|"
    r"click|pk)\b)",
    re.IGNORECASE,
)

CONSENT_LABEL = _(
    "Email me about more actions for the Shia Hazara. I can stop these emails "
    "at any time."
)


def honeypot_field() -> forms.CharField:
    """A field people never see (the template hides it): bots that fill every
    field give themselves away."""
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def validate_signer_name(value: str) -> None:
    if value.startswith(FORMULA_STARTS):
        raise forms.ValidationError(
            _("A name cannot start with =, +, - or @."), code="formula"
        )
    if LINK.search(value):
        raise forms.ValidationError(
            _("A name cannot contain a link or web address."), code="link"
        )
    if not any(character.isalpha() for character in value):
        raise forms.ValidationError(_("Enter your name in letters."), code="no_letters")


class SupporterForm(forms.Form):
    """Joining the list of people told about more actions."""

    honeypot_name = "subject"

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        error_messages={
            "max_length": _("Your name can be at most 200 characters long."),
        },
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.CharField(
        label=_("Your email address"),
        max_length=254,
        validators=[
            EmailValidator(message=_("Enter an email address like name@example.com."))
        ],
        error_messages={
            "required": _("Enter your email address."),
            "max_length": _("An email address can be at most 254 characters long."),
        },
        help_text=_("We send a link to this address to confirm that it is yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={"required": _("Tick the box to join the list.")},
    )
    subject = honeypot_field()

    def clean_name(self):
        value = name_normalize(self.cleaned_data["name"])
        if value:
            validate_signer_name(value)
        return value

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    @property
    def consent_text(self) -> str:
        """The consent wording exactly as this visitor read it."""
        return str(CONSENT_LABEL)
