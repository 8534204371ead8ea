"""Sending one email to one person, in their language, with a one-click
unsubscribe link in the text and in the headers (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from petitions.tokens import TokenPurpose, token_make


def absolute_url(*, base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path if path.startswith("/") else path


def unsubscribe_url(*, base_url: str, language: str, value: str) -> str:
    """The one-click unsubscribe link for `value` ("signature:<id>" or
    "supporter:<id>"), on the page in the person's language."""
    token = token_make(purpose=TokenPurpose.UNSUBSCRIBE, value=value)
    with translation.override(language):
        path = reverse("supporters:unsubscribe", kwargs={"token": token})
    return absolute_url(base_url=base_url, path=path)


def email_send(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    unsubscribe: str,
) -> None:
    """Render petitions/emails/<template>{_subject.txt,.txt,.html} in
    `language` and send them to `to`. `unsubscribe` is the address's
    one-click unsubscribe link: shown in the footer and given to mail
    programs as List-Unsubscribe with List-Unsubscribe-Post, so they can
    offer their own unsubscribe button."""
    with translation.override(language):
        context = {
            **context,
            "language": language,
            "is_rtl": translation.get_language_bidi(),
            "unsubscribe_url": unsubscribe,
        }
        subject = " ".join(
            render_to_string(
                f"petitions/emails/{template}_subject.txt", context
            ).split()
        )
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"petitions/emails/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers={
                "Content-Language": language,
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string(f"petitions/emails/{template}.html", context), "text/html"
        )
    message.send()
