"""The signing form. Every label and error is our own translated string:
Django ships no Hazaragi."""

from django import forms
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from petitions.countries import DEFAULT_COUNTRY, CountryChoices
from supporters.forms import (
    CONSENT_LABEL,
    FORMULA_STARTS,
    LINK,
    honeypot_field,
    validate_signer_name,
)
from supporters.identity import name_normalize


class CountrySelect(forms.Select):
    """Django's select, its HTML kept by the process for each list of
    choices, value and set of attributes. The signing form lists 37
    countries, and rendering each option through the form templates took
    about 2 ms of a petition page's render, where the kept HTML takes well
    under one; the lists are fixed per language (petitions.countries), so
    the HTML is too."""

    rendered: dict[tuple, str] = {}
    KEPT = 64

    def render(self, name, value, attrs=None, renderer=None):
        key = (
            tuple(self.choices),
            name,
            repr(value),
            repr(sorted(self.build_attrs(self.attrs, attrs).items())),
            type(renderer).__name__,
        )
        html = self.rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(self.rendered) >= self.KEPT:
                self.rendered.clear()
            self.rendered[key] = html
        return html


class SignatureForm(forms.Form):
    honeypot_name = "subject"

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        error_messages={
            "required": _("Enter your name."),
            "max_length": _("Your name can be at most 200 characters long."),
        },
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
        help_text=_("We send a link to this address to confirm your signature."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    city = forms.CharField(
        label=_("City or region"),
        max_length=100,
        required=False,
        error_messages={
            "max_length": _("The city or region can be at most 100 characters long.")
        },
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=CountryChoices(),
        widget=CountrySelect,
        error_messages={
            "required": _("Choose your country."),
            "invalid_choice": _("Choose a country from the list."),
        },
    )
    notify = forms.BooleanField(label=CONSENT_LABEL, required=False)
    subject = honeypot_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("country", DEFAULT_COUNTRY)
        super().__init__(*args, **kwargs)

    def clean_name(self):
        value = name_normalize(self.cleaned_data["name"])
        validate_signer_name(value)
        return value

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_city(self):
        value = name_normalize(self.cleaned_data["city"])
        if value.startswith(FORMULA_STARTS) or LINK.search(value):
            raise forms.ValidationError(
                _("Enter the name of a city or region, without links or symbols."),
                code="invalid",
            )
        return value

    @property
    def consent_text(self) -> str:
        """The consent wording exactly as this visitor read it."""
        return str(CONSENT_LABEL)
