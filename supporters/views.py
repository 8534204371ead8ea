"""Joining the supporter list, confirming it, and unsubscribing from every
email: wiring between requests and supporters.services.

Like signing a petition, these pages use no CSRF token or session, so they
set no cookie; the sign-up POST is guarded by its origin (supporters.http).
"""

from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from home.site_address import public_url
from supporters.forms import SupporterForm
from supporters.http import (
    client_ip,
    cross_site_refusal,
    link_opened,
    no_store,
    request_is_cross_site,
)
from supporters.models import Supporter
from supporters.services import (
    SupporterConfirmOutcome,
    UnsubscribeOutcome,
    supporter_confirm,
    supporter_signup,
    supporter_unsubscribe,
)


# Like signing: no CSRF token or cookie on the page, origin checked instead.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def supporter_join(request):
    """The sign-up page for the list of people told about more actions."""
    if request.method == "GET":
        return render(request, "supporters/join.html", {"form": SupporterForm()})
    if request_is_cross_site(request):
        return cross_site_refusal(request, form_kind="supporter")
    form = SupporterForm(request.POST)
    if not form.is_valid():
        return no_store(render(request, "supporters/join.html", {"form": form}))
    data = form.cleaned_data
    supporter_signup(
        email=data["email"],
        name=data["name"],
        language=translation.get_language(),
        consent_text=form.consent_text,
        source=Supporter.Source.SIGNUP,
        source_detail="",
        ip=client_ip(request),
        honeypot=data["subject"],
        base_url=public_url(),
    )
    return redirect("supporters:thanks")


@require_GET
def supporter_thanks(request):
    """After signing up: the same page whoever signed up, whatever happened."""
    return render(request, "supporters/thanks.html")


# The button's POST carries no token or cookie; origin checked instead.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def supporter_confirm_view(request, token: str):
    """The link in the sign-up confirmation email."""
    if answer := link_opened(request, link="supporter"):
        return answer
    result = supporter_confirm(token=token)
    if result.outcome in (
        SupporterConfirmOutcome.EXPIRED,
        SupporterConfirmOutcome.INVALID,
    ):
        return no_store(
            render(
                request,
                "petitions/link_problem.html",
                {
                    "link": "supporter",
                    "expired": result.outcome == SupporterConfirmOutcome.EXPIRED,
                },
                status=400,
            )
        )
    return no_store(
        render(
            request,
            "supporters/confirmed.html",
            {"withdrawn": result.outcome == SupporterConfirmOutcome.WITHDRAWN},
        )
    )


# Mail programs send the one-click POST of RFC 8058 from their own servers,
# with no cookie or origin; the signed token is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The unsubscribe link of every email: no login. Opening it shows one
    button that unsubscribes; mail programs' own unsubscribe buttons POST to
    it directly."""
    if answer := link_opened(request, link="unsubscribe"):
        return answer
    outcome = supporter_unsubscribe(token=token)
    if outcome == UnsubscribeOutcome.INVALID:
        return no_store(
            render(
                request,
                "petitions/link_problem.html",
                {"link": "unsubscribe"},
                status=400,
            )
        )
    return no_store(
        render(
            request,
            "supporters/unsubscribed.html",
            {"already": outcome == UnsubscribeOutcome.ALREADY},
        )
    )
