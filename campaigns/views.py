"""Sending a form page's form and thanking the sender: wiring between
requests and campaigns.services.

Like signing a petition, the form carries no CSRF token and the page sets no
cookie, so form pages are the same for everyone and any cache may keep them;
the POST is guarded by its origin instead (supporters.http)."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from campaigns.models import FormPage
from campaigns.services import form_submission_create
from home.site_address import public_url
from supporters.http import (
    client_ip,
    cross_site_refusal,
    no_store,
    request_is_cross_site,
)


def _live_form_page(page_id: int) -> FormPage:
    return get_object_or_404(FormPage.objects.live().public(), pk=page_id)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def form_submit(request, page_id: int):
    if request.method == "GET":
        # The form's address reloaded, bookmarked or shared: the form page.
        return redirect(_live_form_page(page_id).get_url(request))
    if request_is_cross_site(request):
        return cross_site_refusal(request, form_kind="form")
    page = _live_form_page(page_id)
    form = page.get_form(request.POST, page=page, user=None)
    if not form.is_valid():
        context = page.get_context(request)
        context["form"] = form
        return no_store(TemplateResponse(request, page.get_template(request), context))
    form_submission_create(
        page=page,
        form=form,
        ip=client_ip(request),
        base_url=public_url(),
    )
    return redirect("forms:thanks", page_id=page.pk)


@require_GET
def form_thanks(request, page_id: int):
    """After sending: the same page whoever sent the form, whatever happened."""
    return _live_form_page(page_id).render_landing_page(request)
