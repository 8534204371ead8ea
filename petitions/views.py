"""Signing, confirming, thanking and counting: wiring between requests and
petitions.services / petitions.selectors.

None of these pages uses a CSRF token or a session, so none sets a cookie and
the ones that are the same for everyone (thank-you pages, the count) can be
cached; the signing POST is guarded by its origin (supporters.http).
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

from home.formatting import number_format
from home.process_cache import process_cached
from home.site_address import public_url
from petitions.forms import SignatureForm
from petitions.models import Petition, PetitionPage
from petitions.selectors import (
    petition_count,
    petition_page_for_language,
    petition_status,
)
from petitions.services.signatures import (
    ConfirmOutcome,
    PetitionClosed,
    petition_ensure_for_page,
    signature_confirm,
    signature_create,
)
from supporters.http import (
    client_ip,
    cross_site_refusal,
    link_opened,
    no_store,
    request_is_cross_site,
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


def _petition_to_sign(page_id: int) -> tuple[PetitionPage, Petition]:
    """The live page and its petition, kept by the process between
    publishes (home.process_cache): signing reads neither from the
    database."""

    def read():
        page = _live_petition_page(page_id)
        return page, petition_ensure_for_page(page=page)

    return process_cached(("petition-to-sign", page_id), read)


# Replaced by the origin check below; see supporters.http.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def sign(request, page_id: int):
    if request.method == "GET":
        # The form's address reloaded, bookmarked or shared: the petition.
        return redirect(_live_petition_page(page_id).get_url(request))
    if request_is_cross_site(request):
        return cross_site_refusal(request, form_kind="signature")
    page, petition = _petition_to_sign(page_id)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        context = page.get_context(request)
        context["form"] = form
        return no_store(TemplateResponse(request, page.get_template(request), context))
    data = form.cleaned_data
    try:
        signature_create(
            page=page,
            petition=petition,
            name=data["name"],
            email=data["email"],
            city=data["city"],
            country=data["country"],
            consent_to_updates=data["notify"],
            consent_text=form.consent_text,
            language=translation.get_language(),
            ip=client_ip(request),
            honeypot=data["subject"],
            base_url=public_url(),
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


# The button's POST carries no token or cookie; origin checked instead.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The link in the confirmation email."""
    if answer := link_opened(request, link="signature"):
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
