"""Signing, confirming, thanking and counting, joining the supporter list and
unsubscribing: wiring between requests and petitions.services /
petitions.selectors.

None of these pages uses a CSRF token or a session, so none sets a cookie and
the ones that are the same for everyone (thank-you pages, the count) can be
cached; the signing POST is guarded by its origin (petitions.http).
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
)
from wagtail.models import PageViewRestriction

from petitions.formatting import number_format
from petitions.forms import SignatureForm, SupporterForm
from petitions.http import client_ip, no_store, request_is_cross_site
from petitions.models import Petition, PetitionPage, Supporter
from petitions.selectors import (
    petition_count,
    petition_page_for_language,
    petition_status,
)
from petitions.services.signatures import (
    ConfirmOutcome,
    PetitionClosed,
    signature_confirm,
    signature_create,
)
from petitions.services.supporters import (
    SupporterConfirmOutcome,
    UnsubscribeOutcome,
    supporter_confirm,
    supporter_signup,
    supporter_unsubscribe,
)


def _live_petition_page(page_id: int) -> PetitionPage:
    """The page if it is live and under no view restriction, in one query
    (PageQuerySet.public() reads every restriction first, in another)."""
    restricted = PageViewRestriction.objects.filter(
        StartsWith(OuterRef("path"), F("page__path"))
    )
    return get_object_or_404(
        PetitionPage.objects.live().exclude(Exists(restricted)), pk=page_id
    )


# Replaced by the origin check below; see petitions.http.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def sign(request, page_id: int):
    if request.method == "GET":
        # The form's address reloaded, bookmarked or shared: the petition.
        return redirect(_live_petition_page(page_id).get_url(request))
    if request_is_cross_site(request):
        return no_store(
            render(
                request,
                "petitions/cross_site.html",
                {"page": None, "form_kind": "signature"},
                status=403,
            )
        )
    page = _live_petition_page(page_id)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        context = page.get_context(request)
        context["form"] = form
        return no_store(TemplateResponse(request, page.get_template(request), context))
    data = form.cleaned_data
    try:
        signature_create(
            page=page,
            name=data["name"],
            email=data["email"],
            city=data["city"],
            country=data["country"],
            consent_to_updates=data["notify"],
            consent_text=form.consent_text,
            language=translation.get_language(),
            ip=client_ip(request),
            honeypot=data["subject"],
            base_url=request.build_absolute_uri("/"),
        )
    except PetitionClosed:
        return redirect(page.get_url(request))
    return redirect("petitions:thanks", page_id=page.pk)


@require_GET
def thanks(request, page_id: int):
    """After signing: the same page whoever signed, whatever happened."""
    page = _live_petition_page(page_id)
    return render(
        request,
        "petitions/thanks.html",
        {"page": page, "status": petition_status(page=page)},
    )


def _link_opened(request, *, link: str):
    """Opening an emailed link acts on nothing: mail scanners open links too.
    It shows one button that sends the link back by POST, which acts; a POST
    from another site is refused, as on the public forms."""
    if request.method == "GET":
        return no_store(render(request, "petitions/link_action.html", {"link": link}))
    if request_is_cross_site(request):
        return no_store(
            render(
                request,
                "petitions/cross_site.html",
                {"page": None, "form_kind": "link"},
                status=403,
            )
        )
    return None


# The button's POST carries no token or cookie; origin checked instead.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The link in the confirmation email."""
    if answer := _link_opened(request, link="signature"):
        return answer
    result = signature_confirm(token=token)
    if result.outcome in (ConfirmOutcome.EXPIRED, ConfirmOutcome.INVALID):
        return no_store(
            render(
                request,
                "petitions/link_problem.html",
                {"page": None, "expired": result.outcome == ConfirmOutcome.EXPIRED},
                status=400,
            )
        )
    signature = result.signature
    page = petition_page_for_language(
        petition=signature.petition, language=signature.language
    )
    if result.outcome == ConfirmOutcome.CLOSED:
        status = petition_status(page=page) if page is not None else None
        return no_store(
            render(request, "petitions/closed.html", {"page": page, "status": status})
        )
    if page is None:
        return no_store(render(request, "petitions/confirmed.html", {"page": None}))
    with translation.override(signature.language):
        url = reverse("petitions:confirmed", kwargs={"page_id": page.pk})
    return no_store(redirect(url))


@require_GET
def confirmed(request, page_id: int):
    """After confirming: thanks, the count, and ways to share."""
    page = _live_petition_page(page_id)
    return render(
        request,
        "petitions/confirmed.html",
        {"page": page, "status": petition_status(page=page)},
    )


@require_GET
def count_json(request, petition_id: int):
    """The count for live updates and for embedding on other sites."""
    petition = get_object_or_404(Petition, pk=petition_id)
    count = petition_count(petition=petition)
    response = JsonResponse(
        {
            "petition": petition.pk,
            "count": count,
            "count_display": number_format(count, language=translation.get_language()),
            "target": petition.target,
            "open": petition.is_open(),
        }
    )
    patch_cache_control(response, public=True, max_age=settings.PETITIONS_COUNT_MAX_AGE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


# Like signing: no CSRF token or cookie on the page, origin checked instead.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def supporter_join(request):
    """The sign-up page for the list of people told about more actions."""
    if request.method == "GET":
        return render(
            request, "petitions/supporters/join.html", {"form": SupporterForm()}
        )
    if request_is_cross_site(request):
        return no_store(
            render(
                request,
                "petitions/cross_site.html",
                {"page": None, "form_kind": "supporter"},
                status=403,
            )
        )
    form = SupporterForm(request.POST)
    if not form.is_valid():
        return no_store(
            render(request, "petitions/supporters/join.html", {"form": form})
        )
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
        base_url=request.build_absolute_uri("/"),
    )
    return redirect("supporters:thanks")


@require_GET
def supporter_thanks(request):
    """After signing up: the same page whoever signed up, whatever happened."""
    return render(request, "petitions/supporters/thanks.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def supporter_confirm_view(request, token: str):
    """The link in the sign-up confirmation email."""
    if answer := _link_opened(request, link="supporter"):
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
            "petitions/supporters/confirmed.html",
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
    if answer := _link_opened(request, link="unsubscribe"):
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
            "petitions/supporters/unsubscribed.html",
            {"already": outcome == UnsubscribeOutcome.ALREADY},
        )
    )
